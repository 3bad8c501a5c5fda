using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>The delivery queue's backlog and the subscriptions disabled for failing (check <c>webhooks</c>).</summary>
public sealed class WebhookHealthCheck(DeliveryQueue queue, WebhookStore store) : IHealthCheck
{
    /// <summary>A due delivery left unsent this long means no replica is sending.</summary>
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (backlog, overdue) = await queue.GetBacklogAsync();
        var subscriptions = await store.ListAsync();
        var disabled = subscriptions.Where(s => !s.Enabled).ToList();
        var data = new Dictionary<string, object>
        {
            ["backlog"] = backlog,
            ["oldest_overdue_seconds"] = Math.Round(overdue?.TotalSeconds ?? 0, 3),
            ["subscriptions"] = subscriptions.Count,
            ["disabled_subscriptions"] = disabled.Count,
        };
        if (disabled.Count > 0)
        {
            data["disabled"] = string.Join("; ", disabled.Take(5).Select(s => $"{s.Record.Id}: {s.DisabledReason}"));
        }

        var summary = $"{backlog} deliveries queued; {disabled.Count} of {subscriptions.Count} subscriptions disabled.";
        return overdue > DegradedAfter
            ? HealthCheckResult.Degraded($"A due delivery has waited {overdue.Value.TotalMinutes:0} min: no replica is sending. {summary}", data: data)
            : HealthCheckResult.Healthy(summary, data);
    }
}
