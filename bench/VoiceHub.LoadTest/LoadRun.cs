using System.Collections.Concurrent;
using System.Diagnostics;

namespace VoiceHub.LoadTest;

/// <summary>Latencies and errors of one scenario.</summary>
internal sealed class ScenarioResult(string name)
{
    private readonly ConcurrentQueue<double> _seconds = new();
    private readonly ConcurrentQueue<(double At, double Seconds)> _timeline = new();
    private int _errors;

    public string Name => name;

    public int Count => _seconds.Count;

    public int Errors => _errors;

    /// <summary>When each request started (seconds into the run) and how long it took.</summary>
    public IEnumerable<(double At, double Seconds)> Timeline => _timeline;

    public void Record(double at, double seconds, bool ok)
    {
        _seconds.Enqueue(seconds);
        _timeline.Enqueue((at, seconds));
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public IReadOnlyList<double> Sorted() => [.. _seconds.Order()];
}

/// <summary>
/// Runs the users for the warm-up (unrecorded) and then the measured duration; each loop ends by
/// itself at the deadline. Request times are seconds after the warm-up.
/// </summary>
internal static class LoadRun
{
    public static async Task<Dictionary<string, ScenarioResult>> RunAsync(
        HttpClient client, IReadOnlyList<Scenario> scenarios, LoadTestOptions options, Dictionary<string, int> errorCodes)
    {
        var results = scenarios.ToDictionary(s => s.Name, s => new ScenarioResult(s.Name));
        var begun = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var deadline = begun + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        // A request in flight at the deadline gets this much longer, then the run stops regardless.
        using var stop = new CancellationTokenSource(options.Warmup + options.Duration + TimeSpan.FromSeconds(30));

        async Task UserAsync(int user)
        {
            var random = new Random(options.Seed * 10_007 + user);
            if (options.Ramp > TimeSpan.Zero)
            {
                await Task.Delay(options.Ramp * user / options.Users, CancellationToken.None);
            }

            while (Stopwatch.GetTimestamp() < deadline && !stop.IsCancellationRequested)
            {
                var scenario = Scenarios.Pick(scenarios, random);
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                string code;
                try
                {
                    using var response = await scenario.Send(client, stop.Token);
                    await response.Content.LoadIntoBufferAsync(stop.Token);
                    ok = (int)response.StatusCode < 400;
                    code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    code = ex.GetType().Name;
                }

                var warmingUp = started < begun;
                if (!warmingUp)
                {
                    results[scenario.Name].Record(Stopwatch.GetElapsedTime(begun, started).TotalSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds, ok);
                }

                if (!ok)
                {
                    var key = $"{(warmingUp ? "warm-up, " : "")}{scenario.Name}: {code}";
                    lock (errorCodes)
                    {
                        errorCodes[key] = errorCodes.GetValueOrDefault(key) + 1;
                    }
                }

                var think = options.ThinkMin + (options.ThinkMax - options.ThinkMin) * random.NextDouble();
                var left = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(think < left ? think : left, CancellationToken.None);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Users).Select(UserAsync));
        return results;
    }
}
