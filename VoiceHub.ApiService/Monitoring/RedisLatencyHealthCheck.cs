using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Monitoring;

/// <summary><c>redis</c>: round trip of a PING through the process's multiplexer; unhealthy when Redis does not answer.</summary>
public sealed class RedisLatencyHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    /// <summary>How long a PING may take before the check reports unhealthy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A PING would wait in the multiplexer's backlog for a connection; say plainly there is none.
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected: the multiplexer has no live connection to the server.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["latency_ms"] = Math.Round(latency.TotalMilliseconds, 2) });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis did not answer PING: {ex.Message}", ex);
        }
    }
}
