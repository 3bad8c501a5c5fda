using System.Globalization;

namespace VoiceHub.LoadTest;

/// <summary>Prints the run as a Markdown table (ready for docs/PERFORMANCE.md).</summary>
internal static class Report
{
    public static void Print(IReadOnlyDictionary<string, ScenarioResult> results, LoadTestOptions options, double? memoryBefore, double? memoryAfter,
        IReadOnlyDictionary<string, int> errorCodes)
    {
        var seconds = options.Duration.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"{options.Users} users, {seconds:0} s, think {options.ThinkMin.TotalSeconds:0.##}-{options.ThinkMax.TotalSeconds:0.##} s, users started over {options.Ramp.TotalSeconds:0.#} s{(options.Warmup > TimeSpan.Zero ? $", after {options.Warmup.TotalSeconds:0} s of unrecorded warm-up" : "")}{(options.ClientWarmup > TimeSpan.Zero ? $", after {options.ClientWarmup.TotalSeconds:0} s of GET /alive (client warm, routes cold)" : "")}");
        Console.WriteLine();
        Console.WriteLine("| Scenario | Requests | Requests/s | Errors | p50 (s) | p95 (s) | p99 (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results.Values)
        {
            Row(result.Name, result.Sorted(), result.Errors, seconds);
        }

        Row("**all**", [.. results.Values.SelectMany(r => r.Sorted()).Order()], results.Values.Sum(r => r.Errors), seconds);
        Console.WriteLine("| guide's target | | | | 0.100 | 0.450 | 1.200 |");
        Timeline(results.Values, seconds);
        Console.WriteLine();
        Console.WriteLine($"API memory (memory_usage_mb, working set): before {Text(memoryBefore)} MB, after {Text(memoryAfter)} MB");
        foreach (var (code, count) in errorCodes.OrderByDescending(e => e.Value))
        {
            Console.WriteLine($"  error {code} x{count}");
        }
    }

    private static void Row(string name, IReadOnlyList<double> sorted, int errors, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sorted.Count} | {sorted.Count / seconds:0.0} | {errors} | {Percentile(sorted, 0.50):0.000} | {Percentile(sorted, 0.95):0.000} | {Percentile(sorted, 0.99):0.000} |"));

    /// <summary>
    /// Every scenario together, by when the request started: a tail that only the first seconds have is
    /// warm-up (JIT, pools, caches); one spread over the run is steady-state.
    /// </summary>
    private static void Timeline(IEnumerable<ScenarioResult> results, double seconds)
    {
        const double Window = 5;
        var byWindow = results.SelectMany(r => r.Timeline).GroupBy(t => (int)(t.At / Window)).OrderBy(g => g.Key);
        Console.WriteLine();
        Console.WriteLine("| Started (s) | Requests | p50 (s) | p99 (s) | Max (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var window in byWindow)
        {
            var sorted = window.Select(t => t.Seconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {window.Key * Window:0}-{Math.Min((window.Key + 1) * Window, seconds):0} | {sorted.Count} | {Percentile(sorted, 0.50):0.000} | {Percentile(sorted, 0.99):0.000} | {sorted[^1]:0.000} |"));
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Text(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a";
}
