using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Schedules in all and active, occurrences overdue (due longer than a few polls ago and not yet
/// claimed: no replica is firing), and claims not yet settled.
/// </summary>
public sealed class ScheduleHealthCheck(ScheduleStore store, ScheduleFirer firer, TimeProvider time, IOptions<ScheduleOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var overdueAfter = TimeSpan.FromTicks(Math.Max(o.PollInterval.Ticks * 20, TimeSpan.FromSeconds(5).Ticks));
        var (total, active, overdue, claims) = await store.CountsAsync(now, overdueAfter);
        var data = new Dictionary<string, object>
        {
            ["schedules"] = total,
            ["active"] = active,
            ["overdue"] = overdue,
            ["claims_in_flight"] = claims,
            ["firing_here"] = o.RunFirer,
        };
        if (o.RunFirer)
        {
            data["seconds_since_loop"] = firer.LastLoopAt == default ? -1 : Math.Round((now - firer.LastLoopAt).TotalSeconds, 1);
        }

        return overdue > 0
            ? HealthCheckResult.Degraded($"{overdue} schedule(s) overdue by more than {overdueAfter.TotalSeconds:0} s: is any replica firing?", data: data)
            : HealthCheckResult.Healthy($"{active} of {total} schedule(s) active, none overdue.", data);
    }
}
