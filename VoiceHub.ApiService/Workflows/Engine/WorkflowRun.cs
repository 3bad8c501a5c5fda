using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// One run of one workflow by its owning worker: ready steps start (in parallel where the graph
/// allows), failures retry with backoff or stop the rest, and a cancel ends every unfinished step.
/// Changes are recorded and committed in transitions (<see cref="WorkflowRun.CommitAsync"/>): a
/// step's result, the start of the steps it made ready and their events go to Redis in one
/// script, and nothing that depends on a change happens before its transition is committed.
/// </summary>
internal sealed partial class WorkflowRun(
    WorkflowRunContext context, WorkflowState workflow, WorkflowTemplate? template, string owner, string? queueEntry,
    long claimSequence, CancellationToken userCancel, CancellationToken abort)
{
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private readonly Lock _changes = new();
    private readonly HashSet<StepState> _changedSteps = [];
    private readonly List<WorkflowEvent> _events = [];
    private readonly Dictionary<Task, StepState> _running = [];
    private bool _headerChanged;
    private bool _claimed;

    /// <summary>Whether the final commit acknowledged the queue entry (the worker need not).</summary>
    public bool Acknowledged { get; private set; }

    private DateTimeOffset Now => context.Time.GetUtcNow();

    public async Task ExecuteAsync(CancellationToken cancellation)
    {
        if (WorkflowStatus.IsFinished(workflow.Status))
        {
            return;
        }

        StartOrResume();
        if (template is null)
        {
            await FinishAsync(WorkflowStatus.Failed, $"Template '{workflow.TemplateId}' no longer exists.");
            return;
        }

        using var branches = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            await RunReadyStepsAsync(template, branches.Token, cancellation);
        }
        catch (OperationCanceledException) when (userCancel.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            await WhenAllSettled(_running.Keys);
            await CancelRemainingAsync();
            return;
        }

        if (workflow.Steps.FirstOrDefault(s => s.Status == StepStatus.Failed) is { } failed)
        {
            await StopAfterFailureAsync(failed, branches);
            return;
        }

        await FinishAsync(WorkflowStatus.Completed, null);
    }

    /// <summary>Marks the workflow running; a step that was running when its worker died was never committed, so it runs again.</summary>
    private void StartOrResume()
    {
        lock (_changes)
        {
            foreach (var step in workflow.Steps.Where(s => s.Status == StepStatus.Running))
            {
                step.Status = StepStatus.Pending;
                step.Logs.Add($"{Now:O} resumed by another worker; step runs again.");
                _changedSteps.Add(step);
            }

            var resumed = workflow.Status == WorkflowStatus.Running;
            workflow.Status = WorkflowStatus.Running;
            workflow.StartedAt ??= Now;
            // Committed with the start of the first steps (or with the end, when nothing can start).
            Record(WorkflowEventTypes.Started, message: resumed ? "Resumed after a worker stopped." : null, header: true);
        }
    }

    /// <summary>Starts every step whose dependencies succeeded, until none is left or one fails.</summary>
    private async Task RunReadyStepsAsync(WorkflowTemplate definition, CancellationToken branches, CancellationToken cancellation)
    {
        while (!workflow.Steps.Any(s => s.Status == StepStatus.Failed))
        {
            cancellation.ThrowIfCancellationRequested();
            List<StepState> starting;
            lock (_changes)
            {
                starting = ReadySteps().Where(s => !_running.ContainsValue(s)).ToList();
            }

            foreach (var step in starting)
            {
                BeginAttempt(step);
            }

            // One transition: the results recorded since the last commit and the steps they made
            // ready. When nothing starts and nothing runs, the run ends: its last commit carries them.
            // When nothing starts but siblings run, a result may wait briefly to share their commit.
            if (starting.Count > 0 || (_running.Count > 0 && !await SiblingFinishesSoonAsync(cancellation)))
            {
                await CommitAsync();
            }

            foreach (var step in starting)
            {
                _running[RunStepAsync(step, definition.Steps.First(s => s.Id == step.Id), branches)] = step;
            }

            if (_running.Count == 0)
            {
                return;
            }

            var done = await Task.WhenAny(_running.Keys);
            _running.Remove(done);
            await done; // surfaces cancellation and lost ownership
        }
    }

    /// <summary>
    /// Whether a running sibling finishes within <see cref="WorkflowRunContext.CoalesceResults"/>; the
    /// result that started nothing is then committed with it. A performance window, not workflow time:
    /// it runs on the system clock even where a test fakes <see cref="WorkflowRunContext.Time"/>.
    /// </summary>
    private async Task<bool> SiblingFinishesSoonAsync(CancellationToken cancellation)
    {
        if (context.CoalesceResults <= TimeSpan.Zero)
        {
            return false;
        }

        var sibling = Task.WhenAny(_running.Keys);
        if (!sibling.IsCompleted)
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var elapsed = Task.Delay(context.CoalesceResults, window.Token);
            await Task.WhenAny(sibling, elapsed);
            await window.CancelAsync();
            cancellation.ThrowIfCancellationRequested();
        }

        return sibling.IsCompleted;
    }

    /// <summary>A failure stops the branches still running; what never started is skipped.</summary>
    private async Task StopAfterFailureAsync(StepState failed, CancellationTokenSource branches)
    {
        await branches.CancelAsync();
        await WhenAllSettled(_running.Keys);
        lock (_changes)
        {
            foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
            {
                var wasRunning = step.StartedAt is not null && step.Status == StepStatus.Running;
                step.Status = wasRunning ? StepStatus.Canceled : StepStatus.Skipped;
                step.FinishedAt = Now;
                Record(WorkflowEventTypes.StepSkipped, step, $"Stopped: step '{failed.Id}' failed.");
            }
        }

        await FinishAsync(WorkflowStatus.Failed, $"Step '{failed.Id}' failed: {failed.Error}");
    }

    private static async Task WhenAllSettled(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks.ToList())
        {
            try
            {
                await task;
            }
            catch (Exception ex) when (ex is OperationCanceledException or OwnershipLostException)
            {
                // Settled; the caller decides what the step's status is.
            }
        }
    }

    private IEnumerable<StepState> ReadySteps() =>
        workflow.Steps.Where(s => s.Status == StepStatus.Pending &&
                                  s.DependsOn.All(d => workflow.Step(d).Status == StepStatus.Succeeded));

    private async Task CancelRemainingAsync()
    {
        lock (_changes)
        {
            foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
            {
                step.Status = StepStatus.Canceled;
                step.FinishedAt = Now;
                _changedSteps.Add(step);
            }
        }

        await FinishAsync(WorkflowStatus.Canceled, "Canceled on request.");
    }

    private async Task FinishAsync(string status, string? error)
    {
        var type = status switch
        {
            WorkflowStatus.Completed => WorkflowEventTypes.Completed,
            WorkflowStatus.Canceled => WorkflowEventTypes.Canceled,
            _ => WorkflowEventTypes.Failed,
        };
        WorkflowEvent final;
        lock (_changes)
        {
            workflow.Status = status;
            workflow.Error = error;
            workflow.FinishedAt = Now;
            Record(type, message: error, header: true);
            final = _events[^1];
        }

        // The run's last transition acknowledges its queue entry in the same script: committed and
        // acknowledged together, never acknowledged before. Unless an observer must hear the finish
        // (a subscribed webhook): then the worker acknowledges after the observers were told, so a
        // worker that stops in between leaves the entry for another to find and tell them again.
        await CommitAsync(acknowledge: !await MustBeHeardAsync(final));
        context.Metrics.WorkflowFinished(status);
        foreach (var observer in context.Observers)
        {
            try
            {
                await observer.OnFinishedAsync(workflow, abort);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Logger.LogWarning(ex, "{Observer} failed for workflow {Workflow}", observer.GetType().Name, workflow.Id);
            }
        }
    }

    private async Task<bool> MustBeHeardAsync(WorkflowEvent final)
    {
        foreach (var observer in context.Observers)
        {
            try
            {
                if (await observer.MustHearAsync(workflow, final))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Logger.LogWarning(ex, "{Observer} could not say whether it must hear the finish of workflow {Workflow}", observer.GetType().Name, workflow.Id);
                return true; // not knowing, keep the entry until it was told
            }
        }

        return false;
    }

    /// <summary>Records a change to commit with the next transition; call it holding <see cref="_changes"/>.</summary>
    private void Record(string type, StepState? step = null, string? message = null, bool header = false)
    {
        _events.Add(new WorkflowEvent(0, type, workflow.Id, Now, workflow.Status, step?.Id, step?.Status, step?.Attempts, message));
        if (step is not null)
        {
            _changedSteps.Add(step);
        }

        _headerChanged |= header;
    }

    /// <summary>Commits what was recorded since the last commit, as one transition (nothing to do when nothing was).</summary>
    private async Task CommitAsync(bool acknowledge = false)
    {
        WorkflowEvent[] committed;
        await _saveLock.WaitAsync();
        try
        {
            PreparedTransition change;
            var acknowledging = acknowledge && queueEntry is not null;
            lock (_changes)
            {
                if (_events.Count == 0 && _changedSteps.Count == 0 && !_headerChanged)
                {
                    return;
                }

                // Serialized inside the lock, so no step changes while it is written out.
                change = context.Store.Prepare(new WorkflowTransition(workflow, [.. _changedSteps], _headerChanged, [.. _events])
                {
                    Owner = owner,
                    AcknowledgeEntry = acknowledging ? queueEntry : null,
                    ClaimAtSequence = _claimed ? null : claimSequence,
                });
                committed = [.. _events];
                _changedSteps.Clear();
                _events.Clear();
                _headerChanged = false;
            }

            var (outcome, _) = await context.Store.CommitAsync(change);
            switch (outcome)
            {
                case SaveOutcome.StatusMismatch:
                    throw new WorkflowFinishedElsewhereException(workflow.Id);
                case not SaveOutcome.Saved:
                    throw OwnershipLostException.Claimed(workflow.Id);
            }

            _claimed = true;
            Acknowledged |= acknowledging;
        }
        finally
        {
            _saveLock.Release();
        }

        foreach (var @event in committed)
        {
            await NotifyAsync(@event);
        }
    }

    /// <summary>Tells observers about a saved event (outbound webhooks); a failing observer is logged, never fails the run.</summary>
    private async Task NotifyAsync(WorkflowEvent @event)
    {
        foreach (var observer in context.Observers)
        {
            try
            {
                await observer.OnEventAsync(workflow, @event, abort);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Logger.LogWarning(ex, "{Observer} failed for event {Event} of workflow {Workflow}", observer.GetType().Name, @event.Type, workflow.Id);
            }
        }
    }
}
