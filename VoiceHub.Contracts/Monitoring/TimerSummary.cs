namespace VoiceHub.Contracts.Monitoring;

/// <summary>One timer of <c>/api/metrics</c>, in seconds; percentiles within 1% of the exact value.</summary>
public sealed record TimerSummary(long Count, double Min, double Max, double Avg, double P50, double P95, double P99)
{
    /// <summary>What a timer with no samples shows: zeros rather than infinities, which JSON cannot carry.</summary>
    public static TimerSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
