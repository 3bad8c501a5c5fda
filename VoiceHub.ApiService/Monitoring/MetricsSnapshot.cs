using System.Text.Json.Serialization;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// Answer of <c>GET /api/metrics</c>, in the performance guide's shape. Every figure belongs to
/// one replica (<see cref="Instance"/>); fleet-wide figures come from the same instruments over OTLP.
/// </summary>
public sealed record MetricsSnapshot(
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyDictionary<string, double> Gauges,
    IReadOnlyDictionary<string, TimerSummary> Timers,
    string Instance,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds);
