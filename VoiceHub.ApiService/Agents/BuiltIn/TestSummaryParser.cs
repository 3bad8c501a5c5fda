using System.Globalization;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Reads the summaries of dotnet test, pytest, node's TAP reporter (node --test, npm test) and
/// go test. Several summaries (one per test project or package) are added up.
/// </summary>
public static partial class TestSummaryParser
{
    private const int MaxNames = 100;

    [GeneratedRegex(@"(?:Passed|Failed)!\s*-\s*Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+),\s*Total:\s*\d+(?:,\s*Duration:\s*(?<duration>[^-\r\n]+?))?\s*(?:-|$)", RegexOptions.Multiline)]
    private static partial Regex DotnetSummary();

    // The terminal logger of newer SDKs: "Test summary: total: 5, failed: 1, succeeded: 4, skipped: 0, duration: 1.2s".
    [GeneratedRegex(@"Test summary:\s*total:\s*\d+,\s*failed:\s*(?<failed>\d+),\s*succeeded:\s*(?<passed>\d+),\s*skipped:\s*(?<skipped>\d+),\s*duration:\s*(?<duration>[^\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DotnetTerminalSummary();

    [GeneratedRegex(@"^\s*(?:Failed|failed)\s+(?<name>\S.*?)\s+[\[(][^\])]*[\])]\s*$", RegexOptions.Multiline)]
    private static partial Regex DotnetFailedTest();

    [GeneratedRegex(@"^=+ (?<body>.*?\d+ (?:passed|failed|skipped|errors?|deselected|xfailed|xpassed|warnings?).*?) in (?<duration>[\d.]+)s(?: \([^)]*\))? =+\s*$", RegexOptions.Multiline)]
    private static partial Regex PytestSummary();

    [GeneratedRegex(@"(?<count>\d+) (?<kind>passed|failed|skipped|errors?|xfailed|xpassed)")]
    private static partial Regex PytestCount();

    [GeneratedRegex(@"^(?:FAILED|ERROR) (?<name>\S+)", RegexOptions.Multiline)]
    private static partial Regex PytestFailedTest();

    [GeneratedRegex(@"^#\s*(?<kind>pass|fail|skipped|skip|todo|cancelled|duration_ms)\s+(?<value>[\d.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TapCount();

    [GeneratedRegex(@"^\s*not ok \d+ - (?<name>.+?)\s*(?:#.*)?$", RegexOptions.Multiline)]
    private static partial Regex TapFailedTest();

    [GeneratedRegex(@"^\s*--- (?<kind>PASS|FAIL|SKIP): (?<name>\S+)", RegexOptions.Multiline)]
    private static partial Regex GoTest();

    [GeneratedRegex(@"^(?<kind>ok|FAIL)\s+\S+\s+(?<duration>[\d.]+)s", RegexOptions.Multiline)]
    private static partial Regex GoPackage();

    /// <summary>Parses <paramref name="output"/>, choosing the format by the program that ran, then by what the output holds.</summary>
    public static TestSummary Parse(string program, string output)
    {
        var name = Path.GetFileNameWithoutExtension(program).ToLowerInvariant();
        Func<string, TestSummary?>[] order = name switch
        {
            "dotnet" => [Dotnet],
            "pytest" or "python" or "python3" => [Pytest],
            "node" or "npm" => [Tap],
            "go" => [Go],
            _ => [],
        };
        foreach (var parse in order.Concat([Dotnet, Pytest, Tap, Go]))
        {
            if (parse(output) is { } summary)
            {
                return summary;
            }
        }

        return new TestSummary(name, false, 0, 0, 0, null, []);
    }

    private static TestSummary? Dotnet(string output)
    {
        var matches = DotnetSummary().Matches(output).Concat(DotnetTerminalSummary().Matches(output)).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var duration = matches.Select(m => ParseDuration(m.Groups["duration"].Value)).Where(d => d is not null).Sum();
        var names = DotnetFailedTest().Matches(output).Select(m => m.Groups["name"].Value).Distinct().Take(MaxNames).ToList();
        return new TestSummary("dotnet test", true,
            matches.Sum(m => Int(m, "passed")), matches.Sum(m => Int(m, "failed")), matches.Sum(m => Int(m, "skipped")),
            duration, names);
    }

    private static TestSummary? Pytest(string output)
    {
        var summary = PytestSummary().Matches(output).LastOrDefault();
        if (summary is null)
        {
            return null;
        }

        var counts = PytestCount().Matches(summary.Groups["body"].Value)
            .GroupBy(m => m.Groups["kind"].Value.TrimEnd('s'))
            .ToDictionary(g => g.Key, g => g.Sum(m => Int(m, "count")));
        var names = PytestFailedTest().Matches(output).Select(m => m.Groups["name"].Value).Distinct().Take(MaxNames).ToList();
        return new TestSummary("pytest", true,
            counts.GetValueOrDefault("passed") + counts.GetValueOrDefault("xpassed"),
            counts.GetValueOrDefault("failed") + counts.GetValueOrDefault("error"),
            counts.GetValueOrDefault("skipped") + counts.GetValueOrDefault("xfailed"),
            double.Parse(summary.Groups["duration"].Value, CultureInfo.InvariantCulture), names);
    }

    private static TestSummary? Tap(string output)
    {
        var counts = TapCount().Matches(output)
            .GroupBy(m => m.Groups["kind"].Value == "skip" ? "skipped" : m.Groups["kind"].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        if (!counts.ContainsKey("pass") && !counts.ContainsKey("fail"))
        {
            return null;
        }

        var names = TapFailedTest().Matches(output).Select(m => m.Groups["name"].Value).Distinct().Take(MaxNames).ToList();
        return new TestSummary("node --test", true,
            (int)counts.GetValueOrDefault("pass"), (int)counts.GetValueOrDefault("fail"),
            (int)(counts.GetValueOrDefault("skipped") + counts.GetValueOrDefault("todo")),
            counts.TryGetValue("duration_ms", out var ms) ? ms / 1000 : null, names);
    }

    private static TestSummary? Go(string output)
    {
        var tests = GoTest().Matches(output).ToList();
        var packages = GoPackage().Matches(output).ToList();
        if (tests.Count == 0 && packages.Count == 0)
        {
            return null;
        }

        // Without -v go test lists only failures, so a passing package counts as one passed unit.
        var passed = tests.Count(t => t.Groups["kind"].Value == "PASS");
        if (passed == 0 && tests.Count(t => t.Groups["kind"].Value == "FAIL") == 0)
        {
            passed = packages.Count(p => p.Groups["kind"].Value == "ok");
        }

        var failing = tests.Where(t => t.Groups["kind"].Value == "FAIL").Select(t => t.Groups["name"].Value).Distinct().ToList();
        var failedPackages = packages.Where(p => p.Groups["kind"].Value == "FAIL").ToList();
        return new TestSummary("go test", true, passed,
            failing.Count > 0 ? failing.Count : failedPackages.Count,
            tests.Count(t => t.Groups["kind"].Value == "SKIP"),
            packages.Count > 0 ? packages.Sum(p => double.Parse(p.Groups["duration"].Value, CultureInfo.InvariantCulture)) : null,
            failing.Take(MaxNames).ToList());
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>"1 s", "250 ms", "1.2s", "2 m 3 s", "00:00:01.23" to seconds.</summary>
    internal static double? ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && text.Contains(':'))
        {
            return span.TotalSeconds;
        }

        double total = 0;
        var any = false;
        foreach (Match part in DurationPart().Matches(text))
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch { "ms" => value / 1000, "m" or "min" => value * 60, "h" => value * 3600, _ => value };
            any = true;
        }

        return any ? total : null;
    }

    [GeneratedRegex(@"(?<value>\d+(?:\.\d+)?)\s*(?<unit>ms|min|h|m|s)\b")]
    private static partial Regex DurationPart();
}
