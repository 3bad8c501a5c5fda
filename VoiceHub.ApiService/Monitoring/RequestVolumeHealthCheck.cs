using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Monitoring;

/// <summary><c>request_volume</c>: API requests answered over the recent window; informational, always healthy.</summary>
public sealed class RequestVolumeHealthCheck(RecentRequests recent) : IHealthCheck
{
    public const string Name = "request_volume";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["value"] = recent.Totals().Requests }));
}
