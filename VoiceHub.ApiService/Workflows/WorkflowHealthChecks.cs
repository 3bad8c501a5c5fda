using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>The shared work queue: how many workflows wait and for how long the oldest has waited.</summary>
public sealed class WorkflowQueueHealthCheck(WorkflowQueue queue, TimeProvider time) : IHealthCheck
{
    /// <summary>Waiting longer than this means workers cannot keep up.</summary>
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (waiting, oldest, inFlight) = await queue.GetBacklogAsync(time.GetUtcNow());
        var data = new Dictionary<string, object>
        {
            ["backlog"] = waiting,
            ["in_flight"] = inFlight,
            ["oldest_pending_age_seconds"] = Math.Round(oldest?.TotalSeconds ?? 0, 3),
        };
        return oldest > DegradedAfter
            ? HealthCheckResult.Degraded($"{waiting} workflow(s) waiting; the oldest for {oldest.Value.TotalMinutes:0} min.", data: data)
            : HealthCheckResult.Healthy($"{waiting} workflow(s) waiting, {inFlight} running.", data);
    }
}

/// <summary>This replica's workers: running, capacity, and whether the loop is alive.</summary>
public sealed class WorkflowWorkersHealthCheck(WorkflowWorker worker, TimeProvider time, Microsoft.Extensions.Options.IOptions<WorkflowOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["running"] = worker.Running,
            ["capacity"] = worker.Capacity,
            ["consumer"] = worker.ConsumerName,
        };
        if (!options.Value.RunWorkers)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Workers are off on this replica.", data));
        }

        var sinceLoop = time.GetUtcNow() - worker.LastLoopAt;
        data["seconds_since_loop"] = Math.Round(sinceLoop.TotalSeconds, 1);
        return Task.FromResult(worker.LastLoopAt == default || sinceLoop > TimeSpan.FromMinutes(1)
            ? HealthCheckResult.Degraded("The worker loop has not run for a minute.", data: data)
            : HealthCheckResult.Healthy($"{worker.Running} of {worker.Capacity} workflow slots busy.", data));
    }
}
