using System.Text.Json.Serialization;

namespace VoiceHub.Contracts.Monitoring;

/// <summary>
/// Answer of <c>GET /api/metrics</c>, in the performance guide's shape. Every figure belongs to
/// one replica (<see cref="Instance"/>); fleet-wide figures come from the same instruments over OTLP.
/// </summary>
public sealed record MetricsSnapshot(
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyDictionary<string, double> Gauges,
    IReadOnlyDictionary<string, TimerSummary> Timers,
    string Instance,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds)
{
    /// <summary>A counter's value, 0 when it has not been counted yet.</summary>
    public long Counter(string name) => Counters is not null && Counters.TryGetValue(name, out var v) ? v : 0;

    /// <summary>A gauge's value, or null when this replica does not report it.</summary>
    public double? Gauge(string name) => Gauges is not null && Gauges.TryGetValue(name, out var v) ? v : null;

    /// <summary>Sum of the counters whose name starts with <paramref name="prefix"/> (e.g. "responses.5").</summary>
    public long Sum(string prefix) =>
        Counters?.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value) ?? 0;
}
