using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Workflows;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Runs on every replica: finds due occurrences, claims each in Redis (one replica wins each
/// occurrence, no leader), and starts its workflow with the idempotency key
/// <c>schedule:{id}:{occurrence}</c>. A claim carries a lease: if its replica dies between claim
/// and start, another replica takes the claim over when the lease ends and starts the same
/// workflow — the idempotency key makes that start happen once, however many replicas retry it.
/// </summary>
public sealed partial class ScheduleFirer(
    ScheduleStore store,
    WorkflowService workflows,
    HubMetrics metrics,
    TimeProvider time,
    IOptions<ScheduleOptions> options,
    IEnumerable<IScheduleFireObserver> observers,
    ILogger<ScheduleFirer> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private readonly ScheduleOptions _options = options.Value;

    /// <summary>When this replica's loop last ran (for the health check).</summary>
    public DateTimeOffset LastLoopAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunFirer)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FireDueAsync(stoppingToken);
                await TakeOverExpiredAsync(stoppingToken);
                LastLoopAt = time.GetUtcNow();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Redis down or slow: nothing is lost, the due set and claims wait in Redis.
                LogLoopFailed(e);
            }

            try
            {
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Claims and fires every due occurrence; returns how many this replica claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var claimed = 0;
        foreach (var (id, dueMs) in await store.DueAsync(time.GetUtcNow(), BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await store.GetDefinitionAsync(id) is not { } definition)
            {
                continue;
            }

            var now = time.GetUtcNow();
            var decision = MissedOccurrences.Decide(ScheduleService.Cron(definition), DateTimeOffset.FromUnixTimeMilliseconds(dueMs),
                now, _options.MissedAfter, definition.MissedPolicy);
            if (!await store.ClaimAsync(id, dueMs, decision, now))
            {
                continue;
            }

            claimed++;
            if (decision.Missed > 0)
            {
                metrics.ScheduleMissed(definition.MissedPolicy, decision.Missed);
                LogMissed(id, decision.Missed, definition.MissedPolicy);
            }

            if (decision.Fire is { } occurrence)
            {
                await StartAsync(definition, new ScheduleClaim(id, occurrence, decision.Missed, now), cancellationToken);
            }
        }

        return claimed;
    }

    /// <summary>Finishes claims whose replica died (or stalled) before it started the workflow.</summary>
    public async Task TakeOverExpiredAsync(CancellationToken cancellationToken)
    {
        foreach (var field in await store.ExpiredClaimsAsync(time.GetUtcNow(), BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await store.TakeOverAsync(field, time.GetUtcNow()) is not { } claim)
            {
                continue;
            }

            LogTakenOver(claim.ScheduleId, claim.Occurrence);
            var definition = await store.GetDefinitionAsync(claim.ScheduleId);
            if (definition is null)
            {
                // Deleted since the claim: settle it without a workflow.
                await store.CompleteAsync(claim, new ScheduleFire(claim.Occurrence, time.GetUtcNow(), null, "The schedule was deleted."));
                continue;
            }

            await StartAsync(definition, claim, cancellationToken);
        }
    }

    private async Task StartAsync(ScheduleDefinition definition, ScheduleClaim claim, CancellationToken cancellationToken)
    {
        // Not canceled by shutdown once begun: a half-done start is finished by the lease takeover anyway,
        // but a whole one saves the other replicas the wait.
        var key = $"schedule:{definition.Id}:{claim.Occurrence.ToUnixTimeMilliseconds()}";
        var outcome = await workflows.StartAsync(new StartWorkflow(definition.TemplateId, definition.Inputs, key,
            Schedule: new ScheduleLink(definition.Id, definition.Owner)));
        var fire = outcome switch
        {
            StartOutcome.Started s => new ScheduleFire(claim.Occurrence, time.GetUtcNow(), s.Workflow.Id, null, (int)Math.Min(claim.Missed, int.MaxValue)),
            StartOutcome.UnknownTemplate u => Failed(claim, $"There is no template '{u.TemplateId}' any more."),
            StartOutcome.Unavailable u => Failed(claim, u.Detail),
            StartOutcome.Invalid i => Failed(claim, "The inputs are no longer valid for the template: " + string.Join(" ", i.Errors.Values.SelectMany(v => v))),
            _ => Failed(claim, "The workflow could not start."),
        };

        if (!await store.CompleteAsync(claim, fire))
        {
            return; // another replica settled this occurrence first; its workflow is this one (same key)
        }

        metrics.ScheduleFired(definition.TemplateId, fire.WorkflowId is not null);
        var fired = new ScheduleFired(definition.Id, definition.Owner, definition.TemplateId, fire);
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnFiredAsync(fired, cancellationToken);
            }
            catch (Exception e)
            {
                LogObserverFailed(e, observer.GetType().Name, definition.Id);
            }
        }
    }

    private ScheduleFire Failed(ScheduleClaim claim, string error)
    {
        LogFireFailed(claim.ScheduleId, claim.Occurrence, error);
        return new ScheduleFire(claim.Occurrence, time.GetUtcNow(), null, error, (int)Math.Min(claim.Missed, int.MaxValue));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The schedule loop failed; it tries again at the next poll.")]
    private partial void LogLoopFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Id} missed {Count} occurrence(s) while no replica ran; policy {Policy}.")]
    private partial void LogMissed(string id, long count, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over the claim of schedule {Id} for {Occurrence:o}: its replica did not start it in time.")]
    private partial void LogTakenOver(string id, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Id} could not start its workflow for {Occurrence:o}: {Error}")]
    private partial void LogFireFailed(string id, DateTimeOffset occurrence, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule fire observer {Observer} failed for schedule {Id}.")]
    private partial void LogObserverFailed(Exception e, string observer, string id);
}
