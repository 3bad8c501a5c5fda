using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows;

/// <summary>The operations clients can ask of workflows; shared by the workflow and command endpoints.</summary>
public sealed partial class WorkflowService(
    WorkflowStore store,
    TemplateCatalog templates,
    TemplateAvailability availability,
    HubMetrics metrics,
    WorkflowReadCache cache,
    TimeProvider time,
    CurrentCaller caller,
    IWorkflowTaskInterpreter? interpreter = null)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Whether a start of <paramref name="templateId"/> with <paramref name="inputs"/> would be
    /// accepted now: null when it would, else the outcome that refuses it (unknown template, invalid
    /// inputs, missing capability). Schedules check their template and inputs with it when created.
    /// </summary>
    public StartOutcome? Check(string templateId, System.Text.Json.Nodes.JsonObject? inputs) =>
        Prepare(new StartWorkflow(templateId, inputs), out _, out _);

    private StartOutcome? Prepare(StartWorkflow request, out WorkflowTemplate template, out System.Text.Json.Nodes.JsonObject inputs)
    {
        inputs = [];
        if (templates.Find(request.TemplateId) is not { } found)
        {
            template = null!;
            return new StartOutcome.UnknownTemplate(request.TemplateId);
        }

        template = found;
        (inputs, var errors) = TemplateInputValidator.Validate(template, request.Inputs);
        if (request.IdempotencyKey is { } key && (key.Length > MaxIdempotencyKeyLength || string.IsNullOrWhiteSpace(key)))
        {
            errors["idempotencyKey"] = [$"idempotencyKey must be 1-{MaxIdempotencyKeyLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new StartOutcome.Invalid(errors);
        }

        return availability.Missing(template) is { Count: > 0 } missing ? new StartOutcome.Unavailable(template, missing) : null;
    }

    public async Task<StartOutcome> StartAsync(StartWorkflow request)
    {
        if (Prepare(request, out var template, out var inputs) is { } refused)
        {
            return refused;
        }

        // Keys are per principal: one caller's key neither finds nor blocks another's workflow.
        var owner = OwnerOf(request);
        var idempotencyScope = request.IdempotencyKey is null ? null : WorkflowKeys.IdempotencyScope(owner, request.IdempotencyKey);
        if (idempotencyScope is not null && await store.FindByIdempotencyKeyAsync(idempotencyScope) is { } earlier
            && await store.GetAsync(earlier) is { } existing)
        {
            return new StartOutcome.Started(existing.ToView(), false);
        }

        var number = await store.NextNumberAsync();
        var now = time.GetUtcNow();
        var state = NewState(number, template, inputs, request, now);
        var id = state.Id;
        var (storedId, created) = await store.CreateAsync(state, new WorkflowEvent(1, WorkflowEventTypes.Created, id, now, state.Status), idempotencyScope);
        if (created)
        {
            metrics.WorkflowCreated(template.Id);
        }

        return new StartOutcome.Started((created ? state : (await store.GetAsync(storedId))!).ToView(), created);
    }

    private WorkflowState NewState(long number, WorkflowTemplate template, System.Text.Json.Nodes.JsonObject inputs, StartWorkflow request, DateTimeOffset now) => new()
    {
        Id = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Number = number,
        TemplateId = template.Id,
        Name = template.Name,
        Inputs = inputs,
        IdempotencyKey = request.IdempotencyKey,
        ThreadId = request.ThreadId,
        Owner = OwnerOf(request),
        ScheduleId = request.Schedule?.ScheduleId,
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

    /// <summary>A schedule's start belongs to the schedule's owner; any other to the caller.</summary>
    private string? OwnerOf(StartWorkflow request) => request.Schedule is { } schedule ? schedule.Owner : caller.Id;

    /// <summary>A workflow; finished ones may come from the cache (they change only by retry or delete, which evict them).</summary>
    public async Task<WorkflowView?> GetAsync(string id) => (await cache.GetAsync(id))?.ToView();

    /// <summary>One page of workflows, newest first, optionally of one status.</summary>
    public async Task<PagedResult<WorkflowView>> ListAsync(PageRequest page, string? status)
    {
        var result = await store.ListAsync(page, status);
        return new PagedResult<WorkflowView>(result.Items.Select(w => w.ToView()).ToArray(), result.Page, result.Limit, result.Total);
    }

    public async Task<ControlOutcome> DeleteAsync(string id)
    {
        if (await store.GetAsync(id) is { } workflow && !caller.MayManage(workflow.Owner))
        {
            return ControlOutcome.Forbidden;
        }

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
