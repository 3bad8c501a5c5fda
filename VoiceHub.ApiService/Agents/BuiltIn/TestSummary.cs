namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>What a test runner's output says: counts, duration and the names of failing tests.</summary>
public sealed record TestSummary(
    string Runner,
    bool Found,
    int Passed,
    int Failed,
    int Skipped,
    double? DurationSeconds,
    IReadOnlyList<string> FailingTests);
