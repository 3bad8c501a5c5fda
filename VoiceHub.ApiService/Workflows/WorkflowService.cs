using System.Text.Json.Nodes;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows;

/// <summary>A request to start a workflow from a template.</summary>
public sealed record StartWorkflow(string TemplateId, JsonObject? Inputs, string? IdempotencyKey = null, string? ThreadId = null);

/// <summary>What happened to a start request.</summary>
public abstract record StartOutcome
{
    public sealed record Started(WorkflowState Workflow, bool Created) : StartOutcome;
    public sealed record UnknownTemplate(string TemplateId) : StartOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : StartOutcome;
    public sealed record Unavailable(WorkflowTemplate Template, IReadOnlyList<string> Missing) : StartOutcome;
    public sealed record NotUnderstood(string Detail, IReadOnlyList<object>? Suggestions) : StartOutcome;
}

/// <summary>What happened to a cancel, retry or delete request.</summary>
public enum ControlOutcome { Done, NotFound, Conflict }

/// <summary>The operations clients can ask of workflows; shared by the workflow and command endpoints.</summary>
public sealed class WorkflowService(
    WorkflowStore store,
    TemplateCatalog templates,
    TemplateAvailability availability,
    HubMetrics metrics,
    WorkflowReadCache cache,
    TimeProvider time)
{
    public const int MaxIdempotencyKeyLength = 200;

    public async Task<StartOutcome> StartAsync(StartWorkflow request)
    {
        if (templates.Find(request.TemplateId) is not { } template)
        {
            return new StartOutcome.UnknownTemplate(request.TemplateId);
        }

        var (inputs, errors) = TemplateInputValidator.Validate(template, request.Inputs);
        if (request.IdempotencyKey is { } key && (key.Length > MaxIdempotencyKeyLength || string.IsNullOrWhiteSpace(key)))
        {
            errors["idempotencyKey"] = [$"idempotencyKey must be 1-{MaxIdempotencyKeyLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new StartOutcome.Invalid(errors);
        }

        if (availability.Missing(template) is { Count: > 0 } missing)
        {
            return new StartOutcome.Unavailable(template, missing);
        }

        if (request.IdempotencyKey is not null && await store.FindByIdempotencyKeyAsync(request.IdempotencyKey) is { } earlier
            && await store.GetAsync(earlier) is { } existing)
        {
            return new StartOutcome.Started(existing, false);
        }

        var number = await store.NextNumberAsync();
        var id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var state = new WorkflowState
        {
            Id = id,
            Number = number,
            TemplateId = template.Id,
            Name = template.Name,
            Inputs = inputs,
            IdempotencyKey = request.IdempotencyKey,
            ThreadId = request.ThreadId,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
            CreatedAt = now,
            Steps = template.Steps.Select(s => new StepState
            {
                Id = s.Id,
                Agent = s.Agent,
                Action = s.Action,
                DependsOn = [.. s.DependsOn],
            }).ToList(),
        };

        var (storedId, created) = await store.CreateAsync(state, new WorkflowEvent(1, WorkflowEventTypes.Created, id, now, state.Status));
        if (created)
        {
            metrics.WorkflowCreated(template.Id);
        }

        return new StartOutcome.Started(created ? state : (await store.GetAsync(storedId))!, created);
    }

    /// <summary>A workflow; finished ones may come from the cache (they change only by retry or delete, which evict them).</summary>
    public Task<WorkflowState?> GetAsync(string id) => cache.GetAsync(id);

    /// <summary>
    /// Cancels a workflow: a pending one ends Canceled at once; a running one is told to stop
    /// (persisted, and published to the worker running it). Finished ones are a conflict.
    /// </summary>
    public async Task<(ControlOutcome Outcome, WorkflowState? Workflow)> CancelAsync(string id)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var workflow = await store.GetAsync(id);
            if (workflow is null)
            {
                return (ControlOutcome.NotFound, null);
            }

            if (WorkflowStatus.IsFinished(workflow.Status))
            {
                return (ControlOutcome.Conflict, workflow);
            }

            var now = time.GetUtcNow();
            if (workflow.Status == WorkflowStatus.Pending)
            {
                workflow.Status = WorkflowStatus.Canceled;
                workflow.FinishedAt = now;
                workflow.Error = "Canceled before it started.";
                foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
                {
                    step.Status = StepStatus.Canceled;
                }

                var evt = new WorkflowEvent(0, WorkflowEventTypes.Canceled, id, now, workflow.Status, Message: workflow.Error);
                var (outcome, _) = await store.SaveAsync(workflow, evt, expectedStatuses: WorkflowStatus.Pending);
                if (outcome == SaveOutcome.Saved)
                {
                    return (ControlOutcome.Done, workflow);
                }

                continue; // a worker picked it up meanwhile: cancel the running workflow instead
            }

            await store.RequestCancelAsync(id);
            return (ControlOutcome.Done, workflow);
        }

        return (ControlOutcome.Conflict, await store.GetAsync(id));
    }

    /// <summary>
    /// Runs a failed or canceled workflow again from its first step that did not succeed;
    /// succeeded steps keep their outputs.
    /// </summary>
    public async Task<(ControlOutcome Outcome, WorkflowState? Workflow)> RetryAsync(string id)
    {
        var workflow = await store.GetAsync(id);
        if (workflow is null)
        {
            return (ControlOutcome.NotFound, null);
        }

        if (workflow.Status is not (WorkflowStatus.Failed or WorkflowStatus.Canceled))
        {
            return (ControlOutcome.Conflict, workflow);
        }

        var previous = workflow.Status;
        workflow.Status = WorkflowStatus.Pending;
        workflow.Error = null;
        workflow.FinishedAt = null;
        workflow.Runs++;
        foreach (var step in workflow.Steps.Where(s => s.Status != StepStatus.Succeeded))
        {
            step.Status = StepStatus.Pending;
            step.Attempts = 0;
            step.Error = null;
            step.FinishedAt = null;
        }

        var evt = new WorkflowEvent(0, WorkflowEventTypes.Retried, id, time.GetUtcNow(), workflow.Status, Message: $"Retried after {previous}.");
        var (outcome, _) = await store.SaveAsync(workflow, evt, expectedStatuses: previous, enqueue: true, clearControl: true);
        if (outcome != SaveOutcome.Saved)
        {
            return (ControlOutcome.Conflict, await store.GetAsync(id));
        }

        await cache.InvalidateAsync(id);
        return (ControlOutcome.Done, workflow);
    }

    public async Task<ControlOutcome> DeleteAsync(string id)
    {
        var outcome = await store.DeleteAsync(id) switch
        {
            1 => ControlOutcome.Done,
            -1 => ControlOutcome.NotFound,
            _ => ControlOutcome.Conflict,
        };
        if (outcome == ControlOutcome.Done)
        {
            await cache.InvalidateAsync(id);
        }

        return outcome;
    }
}
