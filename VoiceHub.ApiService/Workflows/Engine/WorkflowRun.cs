using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// One run of one workflow by its owning worker: ready steps start (in parallel where the graph
/// allows), each attempt is saved with its event before the next thing happens, failures retry
/// with backoff or stop the rest, and a cancel ends every unfinished step.
/// </summary>
internal sealed class WorkflowRun(WorkflowRunner runner, WorkflowState workflow, string owner, CancellationToken userCancel, CancellationToken abort)
{
    private readonly SemaphoreSlim _saveLock = new(1, 1);
    private readonly WorkflowTemplate? _template = runner.Templates.Find(workflow.TemplateId);

    private DateTimeOffset Now => runner.Time.GetUtcNow();

    public async Task ExecuteAsync(CancellationToken cancellation)
    {
        if (WorkflowStatus.IsFinished(workflow.Status))
        {
            return;
        }

        // Resume: a step that was running when its worker died was never committed; run it again.
        foreach (var step in workflow.Steps.Where(s => s.Status == StepStatus.Running))
        {
            step.Status = StepStatus.Pending;
            step.Logs.Add($"{Now:O} resumed by another worker; step runs again.");
        }

        var resumed = workflow.Status == WorkflowStatus.Running;
        workflow.Status = WorkflowStatus.Running;
        workflow.StartedAt ??= Now;
        await SaveAsync(WorkflowEventTypes.Started, message: resumed ? "Resumed after a worker stopped." : null);

        if (_template is null)
        {
            await FinishAsync(WorkflowStatus.Failed, $"Template '{workflow.TemplateId}' no longer exists.");
            return;
        }

        var running = new Dictionary<Task, StepState>();
        using var branches = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            while (!workflow.Steps.Any(s => s.Status == StepStatus.Failed))
            {
                cancellation.ThrowIfCancellationRequested();
                foreach (var step in ReadySteps().Where(s => !running.ContainsValue(s)).ToList())
                {
                    running[RunStepAsync(step, branches.Token)] = step;
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Keys);
                running.Remove(done);
                await done; // surfaces cancellation and lost ownership
            }
        }
        catch (OperationCanceledException) when (userCancel.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            await WhenAllSettled(running.Keys);
            await CancelRemainingAsync();
            return;
        }

        var failed = workflow.Steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
        if (failed is not null)
        {
            // A failure stops the branches still running; what never started is skipped.
            await branches.CancelAsync();
            await WhenAllSettled(running.Keys);
            foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
            {
                var wasRunning = step.StartedAt is not null && step.Status == StepStatus.Running;
                step.Status = wasRunning ? StepStatus.Canceled : StepStatus.Skipped;
                step.FinishedAt = Now;
                await SaveAsync(WorkflowEventTypes.StepSkipped, step, $"Stopped: step '{failed.Id}' failed.");
            }

            await FinishAsync(WorkflowStatus.Failed, $"Step '{failed.Id}' failed: {failed.Error}");
            return;
        }

        await FinishAsync(WorkflowStatus.Completed, null);
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

    private async Task RunStepAsync(StepState step, CancellationToken cancellation)
    {
        await Task.Yield();
        var definition = _template!.Steps.First(s => s.Id == step.Id);
        var agent = runner.Agents.Find(step.Agent);
        while (true)
        {
            step.Attempts++;
            using var activity = WorkflowTelemetry.StartStep(step);
            step.Status = StepStatus.Running;
            step.StartedAt = Now;
            step.Error = null;
            await SaveAsync(WorkflowEventTypes.StepStarted, step);

            string error;
            var retryable = true;
            using var timeout = new CancellationTokenSource(definition.Timeout, runner.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
            try
            {
                if (agent is null)
                {
                    throw new NonRetryableAgentException($"No agent named '{step.Agent}' runs in this service.");
                }

                var inputs = StepInputResolver.Resolve(definition.With, workflow);
                var artifacts = new WorkflowArtifactSink(runner.Store, workflow, _saveLock);
                var result = await agent.ExecuteAsync(
                    new AgentInvocation(workflow.Id, step.Id, step.Action, inputs, step.Attempts, artifacts, OtherSteps(step)), linked.Token);

                step.Output = result.Output;
                step.Summary = result.Summary;
                step.Logs.AddRange(result.Logs ?? []);
                step.Status = StepStatus.Succeeded;
                step.FinishedAt = Now;
                runner.Metrics.StepCompleted(step.Agent, step.FinishedAt.Value - step.StartedAt!.Value, succeeded: true);
                await SaveAsync(WorkflowEventTypes.StepSucceeded, step, result.Summary);
                return;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                error = $"Timed out after {definition.Timeout.TotalSeconds:0.###} s.";
            }
            catch (NonRetryableAgentException ex)
            {
                error = ex.Message;
                retryable = false;
            }
            catch (OwnershipLostException)
            {
                throw;
            }
            catch (Exception ex)
            {
                error = ex.Message;
                runner.Logger.LogWarning(ex, "Step {Step} of workflow {Workflow} failed on attempt {Attempt}", step.Id, workflow.Id, step.Attempts);
            }

            step.Error = error;
            runner.Metrics.StepCompleted(step.Agent, Now - step.StartedAt!.Value, succeeded: false);
            step.Logs.Add($"{Now:O} attempt {step.Attempts} failed: {error}");
            if (!retryable || step.Attempts >= definition.Retry.MaxAttempts)
            {
                step.Status = StepStatus.Failed;
                step.FinishedAt = Now;
                await SaveAsync(WorkflowEventTypes.StepFailed, step, error);
                return;
            }

            var delay = definition.Retry.DelayBefore(step.Attempts + 1);
            step.Status = StepStatus.Pending;
            await SaveAsync(WorkflowEventTypes.StepRetrying, step, $"{error} Retrying in {delay.TotalSeconds:0.###} s.");
            await Task.Delay(delay, runner.Time, cancellation);
        }
    }

    /// <summary>Copies of the other steps' results, so an agent can combine them without touching live state.</summary>
    private Dictionary<string, StepResultView> OtherSteps(StepState current) =>
        workflow.Steps.Where(s => s.Id != current.Id)
            .ToDictionary(s => s.Id, s => new StepResultView(s.Status, s.Output?.DeepClone(), s.Summary));

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
        runner.Metrics.WorkflowFinished(status);
        foreach (var observer in runner.Observers)
        {
            try
            {
                await observer.OnFinishedAsync(workflow, abort);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                runner.Logger.LogWarning(ex, "{Observer} failed for workflow {Workflow}", observer.GetType().Name, workflow.Id);
            }
        }
    }

    private async Task SaveAsync(string type, StepState? step = null, string? message = null)
    {
        await _saveLock.WaitAsync();
        try
        {
            var @event = new WorkflowEvent(0, type, workflow.Id, Now, workflow.Status, step?.Id, step?.Status, step?.Attempts, message);
            var (outcome, _) = await runner.Store.SaveAsync(workflow, @event, owner);
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
    }
}
