using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>One step: attempts until it succeeds, fails for good, or is canceled.</summary>
internal sealed partial class WorkflowRun
{
    /// <summary>How one attempt ended: null error means it succeeded and was saved.</summary>
    private readonly record struct AttemptResult(string? Error, bool Retryable);

    /// <summary>Marks the next attempt of a step running (recorded; the caller commits before the agent runs).</summary>
    private void BeginAttempt(StepState step)
    {
        lock (_changes)
        {
            step.Attempts++;
            step.Status = StepStatus.Running;
            step.StartedAt = Now;
            step.Error = null;
            Record(WorkflowEventTypes.StepStarted, step);
        }
    }

    /// <summary>Runs a step whose first attempt the run loop has begun and committed.</summary>
    private async Task RunStepAsync(StepState step, TemplateStep definition, CancellationToken cancellation)
    {
        await Task.Yield();
        var agent = context.Agents.Find(step.Agent);
        for (var first = true; ; first = false)
        {
            if (!first)
            {
                BeginAttempt(step);
                await CommitAsync();
            }

            using var activity = WorkflowTelemetry.StartStep(step);
            var attempt = await AttemptAsync(step, definition, agent, cancellation);
            if (attempt.Error is null || !await ShouldRetryAsync(step, definition, attempt))
            {
                return;
            }

            await Task.Delay(definition.Retry.DelayBefore(step.Attempts + 1), context.Time, cancellation);
        }
    }

    /// <summary>Runs the agent once under the step's timeout; a success is recorded before it returns.</summary>
    private async Task<AttemptResult> AttemptAsync(StepState step, TemplateStep definition, IAgent? agent, CancellationToken cancellation)
    {
        using var timeout = new CancellationTokenSource(definition.Timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            if (agent is null)
            {
                throw new NonRetryableAgentException($"No agent named '{step.Agent}' runs in this service.");
            }

            System.Text.Json.Nodes.JsonObject inputs;
            lock (_changes)
            {
                inputs = StepInputResolver.Resolve(definition.With, workflow);
            }

            var artifacts = new WorkflowArtifactSink(context.Store, workflow.Id, ArtifactSaved);
            var result = await agent.ExecuteAsync(
                new AgentInvocation(workflow.Id, step.Id, step.Action, inputs, step.Attempts, artifacts, OtherSteps(step)), linked.Token);
            Succeed(step, result);
            return new AttemptResult(null, false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new AttemptResult($"Timed out after {definition.Timeout.TotalSeconds:0.###} s.", true);
        }
        catch (NonRetryableAgentException ex)
        {
            return new AttemptResult(ex.Message, false);
        }
        catch (Exception ex) when (ex is not OwnershipLostException)
        {
            context.Logger.LogWarning(ex, "Step {Step} of workflow {Workflow} failed on attempt {Attempt}", step.Id, workflow.Id, step.Attempts);
            return new AttemptResult(ex.Message, true);
        }
    }

    /// <summary>
    /// Records a success; the run loop commits it together with the steps it makes ready (or the
    /// run's end), so the step counts as done only once that transition is in Redis.
    /// </summary>
    private void Succeed(StepState step, AgentResult result)
    {
        lock (_changes)
        {
            step.Output = result.Output;
            step.Summary = result.Summary;
            step.Logs.AddRange(result.Logs ?? []);
            step.Status = StepStatus.Succeeded;
            step.FinishedAt = Now;
            Record(WorkflowEventTypes.StepSucceeded, step, result.Summary);
        }

        context.Metrics.StepCompleted(step.Agent, step.FinishedAt.Value - step.StartedAt!.Value, succeeded: true);
    }

    /// <summary>An agent stored a file: its name joins the header, committed with the next transition.</summary>
    private void ArtifactSaved(string name)
    {
        lock (_changes)
        {
            if (!workflow.Artifacts.Contains(name))
            {
                workflow.Artifacts.Add(name);
                _headerChanged = true;
            }
        }
    }

    /// <summary>Records a failed attempt; the step fails for good (false) or waits for its next attempt (true).</summary>
    private async Task<bool> ShouldRetryAsync(StepState step, TemplateStep definition, AttemptResult attempt)
    {
        var error = attempt.Error!;
        context.Metrics.StepCompleted(step.Agent, Now - step.StartedAt!.Value, succeeded: false);
        lock (_changes)
        {
            step.Error = error;
            step.Logs.Add($"{Now:O} attempt {step.Attempts} failed: {error}");
            if (!attempt.Retryable || step.Attempts >= definition.Retry.MaxAttempts)
            {
                // Committed with the steps the failure stops and the workflow's end.
                step.Status = StepStatus.Failed;
                step.FinishedAt = Now;
                Record(WorkflowEventTypes.StepFailed, step, error);
                return false;
            }

            var delay = definition.Retry.DelayBefore(step.Attempts + 1);
            step.Status = StepStatus.Pending;
            Record(WorkflowEventTypes.StepRetrying, step, $"{error} Retrying in {delay.TotalSeconds:0.###} s.");
        }

        await CommitAsync();
        return true;
    }

    /// <summary>Copies of the other steps' results, so an agent can combine them without touching live state.</summary>
    private Dictionary<string, StepResultView> OtherSteps(StepState current)
    {
        lock (_changes)
        {
            return workflow.Steps.Where(s => s.Id != current.Id)
                .ToDictionary(s => s.Id, s => new StepResultView(s.Status, s.Output?.DeepClone(), s.Summary));
        }
    }
}
