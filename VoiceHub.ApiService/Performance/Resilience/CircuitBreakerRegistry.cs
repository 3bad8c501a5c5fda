using System.Collections.Concurrent;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.ApiService.Performance.Resilience;

/// <summary>State of one outbound dependency's circuit breaker.</summary>
public enum BreakerState
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}

/// <summary>What health and metrics show of one breaker.</summary>
public sealed record BreakerStatus(BreakerState State, DateTimeOffset Since, long TimesOpened);

/// <summary>
/// The circuit breakers of this process by dependency name, fed by the resilience handlers'
/// callbacks (<see cref="CircuitBreakerReporting"/>) or by any client with a breaker of its own
/// (call <see cref="Report"/>). Shown by the <c>circuit_breakers</c> health check and as gauges
/// <c>circuit_breaker.&lt;name&gt;</c> (0 closed, 1 half-open, 2 open).
/// </summary>
public sealed class CircuitBreakerRegistry(HubMetrics metrics, TimeProvider time)
{
    public const string GaugePrefix = "circuit_breaker.";

    private readonly ConcurrentDictionary<string, BreakerStatus> _breakers = new(StringComparer.Ordinal);

    /// <summary>Lists a dependency as closed if it is not known yet.</summary>
    public void Register(string name)
    {
        if (_breakers.TryAdd(name, new BreakerStatus(BreakerState.Closed, time.GetUtcNow(), 0)))
        {
            metrics.SetGauge(GaugePrefix + name, (int)BreakerState.Closed);
        }
    }

    /// <summary>Records a breaker's new state.</summary>
    public void Report(string name, BreakerState state)
    {
        var now = time.GetUtcNow();
        _breakers.AddOrUpdate(name,
            _ => new BreakerStatus(state, now, state == BreakerState.Open ? 1 : 0),
            (_, old) => new BreakerStatus(state, now, old.TimesOpened + (state == BreakerState.Open ? 1 : 0)));
        metrics.SetGauge(GaugePrefix + name, (int)state);
    }

    public IReadOnlyDictionary<string, BreakerStatus> Snapshot() => _breakers.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
}
