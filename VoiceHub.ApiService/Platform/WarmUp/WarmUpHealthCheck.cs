using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>
/// Readiness only (not tagged <c>live</c>): unhealthy until the warm-up is over, so the AppHost's
/// <c>WaitFor</c>, a load balancer or a container platform's readiness probe sends traffic to a replica
/// whose routes are already compiled and whose connections are open.
/// </summary>
public sealed class WarmUpHealthCheck(WarmUpState state) : IHealthCheck
{
    public const string Name = "warmup";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsOver ? HealthCheckResult.Healthy(state.Outcome) : HealthCheckResult.Unhealthy(state.Outcome));
}
