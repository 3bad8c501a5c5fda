using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// One run of one workflow by its owning worker: ready steps start (in parallel where the graph
/// allows), each attempt is saved with its event before the next thing happens, failures retry
/// with backoff or stop the rest, and a cancel ends every unfinished step.
/// </summary>
internal sealed partial class WorkflowRun(
    WorkflowRunContext context, WorkflowState workflow, WorkflowTemplate? template, string owner, CancellationToken userCancel, CancellationToken abort)
{
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private readonly Dictionary<Task, StepState> _running = [];

    private DateTimeOffset Now => context.Time.GetUtcNow();

    public async Task ExecuteAsync(CancellationToken cancellation)
    {
        if (WorkflowStatus.IsFinished(workflow.Status))
        {
            return;
        }

        await StartOrResumeAsync();
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
    private async Task StartOrResumeAsync()
    {
        foreach (var step in workflow.Steps.Where(s => s.Status == StepStatus.Running))
        {
            step.Status = StepStatus.Pending;
            step.Logs.Add($"{Now:O} resumed by another worker; step runs again.");
        }

        var resumed = workflow.Status == WorkflowStatus.Running;
        workflow.Status = WorkflowStatus.Running;
        workflow.StartedAt ??= Now;
        await SaveAsync(WorkflowEventTypes.Started, message: resumed ? "Resumed after a worker stopped." : null);
    }

    /// <summary>Starts every step whose dependencies succeeded, until none is left or one fails.</summary>
    private async Task RunReadyStepsAsync(WorkflowTemplate definition, CancellationToken branches, CancellationToken cancellation)
    {
        while (!workflow.Steps.Any(s => s.Status == StepStatus.Failed))
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var step in ReadySteps().Where(s => !_running.ContainsValue(s)).ToList())
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

    /// <summary>A failure stops the branches still running; what never started is skipped.</summary>
    private async Task StopAfterFailureAsync(StepState failed, CancellationTokenSource branches)
    {
        await branches.CancelAsync();
        await WhenAllSettled(_running.Keys);
        foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
        {
            var wasRunning = step.StartedAt is not null && step.Status == StepStatus.Running;
            step.Status = wasRunning ? StepStatus.Canceled : StepStatus.Skipped;
            step.FinishedAt = Now;
            await SaveAsync(WorkflowEventTypes.StepSkipped, step, $"Stopped: step '{failed.Id}' failed.");
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
        foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
        {
            step.Status = StepStatus.Canceled;
            step.FinishedAt = Now;
        }

        await FinishAsync(WorkflowStatus.Canceled, "Canceled on request.");
    }

    private async Task FinishAsync(string status, string? error)
    {
        workflow.Status = status;
        workflow.Error = error;
        workflow.FinishedAt = Now;
        var type = status switch
        {
            WorkflowStatus.Completed => WorkflowEventTypes.Completed,
            WorkflowStatus.Canceled => WorkflowEventTypes.Canceled,
            _ => WorkflowEventTypes.Failed,
        };
        await SaveAsync(type, message: error);
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

    private async Task SaveAsync(string type, StepState? step = null, string? message = null)
    {
        WorkflowEvent @event;
        await _saveLock.WaitAsync();
        try
        {
            @event = new WorkflowEvent(0, type, workflow.Id, Now, workflow.Status, step?.Id, step?.Status, step?.Attempts, message);
            var (outcome, _) = await context.Store.SaveAsync(workflow, @event, owner);
            switch (outcome)
            {
                case SaveOutcome.StatusMismatch:
                    throw new WorkflowFinishedElsewhereException(workflow.Id);
                case not SaveOutcome.Saved:
                    throw OwnershipLostException.Claimed(workflow.Id);
            }
        }
        finally
        {
            _saveLock.Release();
        }

        await NotifyAsync(@event);
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
