using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// <c>error_rate</c>: share of 5xx responses over the recent window; degraded above the threshold
/// (degraded, not unhealthy, because the replica still answers and restarting it would not help).
/// </summary>
public sealed class ErrorRateHealthCheck(RecentRequests recent, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public const string Name = "error_rate";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.CurrentValue.ErrorRateThreshold;
        var rate = recent.ErrorRate();
        var data = new Dictionary<string, object>
        {
            ["value"] = Math.Round(rate, 4),
            ["threshold"] = threshold,
        };
        return Task.FromResult(rate > threshold
            ? HealthCheckResult.Degraded($"{rate:P1} of requests in the last {recent.Window} failed with 5xx (threshold {threshold:P1}).", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
