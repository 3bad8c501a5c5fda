using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Performance.Resilience;

/// <summary><c>circuit_breakers</c>: each outbound dependency's breaker; degraded while any is open or half-open.</summary>
public sealed class CircuitBreakerHealthCheck(CircuitBreakerRegistry registry) : IHealthCheck
{
    public const string Name = "circuit_breakers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var breakers = registry.Snapshot();
        var data = breakers.ToDictionary(entry => entry.Key, entry => (object)Text(entry.Value.State));
        var tripped = breakers.Where(entry => entry.Value.State != BreakerState.Closed).Select(entry => entry.Key).ToList();
        return Task.FromResult(tripped.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"Calls to {string.Join(", ", tripped)} are failing fast while the breaker is open; they are retried after its break.", data: data));
    }

    internal static string Text(BreakerState state) => state switch
    {
        BreakerState.Open => "open",
        BreakerState.HalfOpen => "half-open",
        _ => "closed",
    };
}
