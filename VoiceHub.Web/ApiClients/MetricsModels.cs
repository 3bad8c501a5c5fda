using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceHub.Web.ApiClients;

/// <summary><c>GET /api/metrics</c>: the performance guide's counters, gauges and timers.</summary>
public sealed record MetricsSnapshot(
    string? Instance,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds,
    IReadOnlyDictionary<string, double>? Counters,
    IReadOnlyDictionary<string, JsonElement>? Gauges,
    IReadOnlyDictionary<string, TimerStats>? Timers)
{
    public double Counter(string name) => Counters is not null && Counters.TryGetValue(name, out var v) ? v : 0;

    public double? Gauge(string name) =>
        Gauges is not null && Gauges.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Sum of the counters whose name starts with <paramref name="prefix"/> (e.g. "responses.5").</summary>
    public double Sum(string prefix) =>
        Counters?.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value) ?? 0;
}

/// <summary>A timer's figures, in seconds.</summary>
public sealed record TimerStats(long Count, double Min, double Max, double Avg, double P50, double P95, double P99);

/// <summary><c>GET /api/health/detailed</c>: overall status and one entry per check.</summary>
public sealed record DetailedHealth(string Status, IReadOnlyDictionary<string, JsonElement>? Checks);
