using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Raises <c>health.changed</c> when this replica's overall health moves (healthy, degraded,
/// unhealthy), with the checks that are not healthy. ASP.NET Core's health check publisher runs the
/// checks every <see cref="HealthCheckPublisherOptions.Period"/>; the first report only sets the baseline.
/// </summary>
public sealed class HealthChangeEvents(IHubEvents events, TimeProvider time, ILogger<HealthChangeEvents> logger) : IHealthCheckPublisher
{
    private HealthStatus? _last;

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var previous = _last;
        _last = report.Status;
        if (previous is null || previous == report.Status)
        {
            return;
        }

        var failing = new JsonObject();
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            failing[name] = new JsonObject { ["status"] = entry.Status.ToString().ToLowerInvariant(), ["description"] = entry.Description };
        }

        var data = new JsonObject
        {
            ["instance"] = RootEndpoints.Instance,
            ["from"] = previous.Value.ToString().ToLowerInvariant(),
            ["to"] = report.Status.ToString().ToLowerInvariant(),
            ["checks"] = failing,
        };
        try
        {
            await events.RaiseAsync(HubEventTypes.HealthChanged, data, null, $"health:{RootEndpoints.Instance}:{time.GetUtcNow().ToUnixTimeMilliseconds()}");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not raise health.changed ({From} → {To})", previous, report.Status);
        }
    }
}
