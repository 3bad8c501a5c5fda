using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.Limits;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Create, list, read, cancel, retry and delete workflows.</summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(HubPolicies.Viewer);
        group.MapGet("/", ListWorkflows).WithName("ListWorkflows").WithSummary("Workflows, newest first, optionally of one status.");
        group.MapGet("/{id}", GetWorkflow).WithName("GetWorkflow").WithSummary("One workflow with its steps.");
        group.MapPost("/", CreateWorkflow).WithJsonBody<CreateWorkflowRequest>().WithName("CreateWorkflow").WithSummary("Starts a workflow from a template (202).").RequireAuthorization(HubPolicies.Operator)
            .RequireRateLimiting(RateLimitPolicies.Commands);
        group.MapPost("/batch", CreateWorkflows).WithJsonBody<CreateWorkflowBatchRequest>().WithName("CreateWorkflows").WithSummary("Starts many workflows in one request.").RequireAuthorization(HubPolicies.Operator)
            .RequireRateLimiting(RateLimitPolicies.Commands).WithRequestTimeout(RequestTimeoutPolicies.Batch);
        group.MapPost("/{id}/cancel", CancelWorkflow).WithName("CancelWorkflow").WithSummary("Cancels a pending or running workflow.").RequireAuthorization(HubPolicies.Operator);
        group.MapPost("/{id}/retry", RetryWorkflow).WithName("RetryWorkflow").WithSummary("Runs a failed or canceled workflow again from its first unfinished step.").RequireAuthorization(HubPolicies.Operator);
        group.MapDelete("/{id}", DeleteWorkflow).WithName("DeleteWorkflow").WithSummary("Deletes a finished workflow.").RequireAuthorization(HubPolicies.Operator);
        group.MapGet("/{id}/artifacts/{name}", GetArtifact).WithName("GetWorkflowArtifact").WithSummary("Downloads a file a step produced.");
        return app;
    }

    internal static async Task<Results<Ok<PagedResult<WorkflowView>>, ValidationProblem>> ListWorkflows(
        string? page, string? limit, string? status, WorkflowService workflows)
    {
        PageRequest.TryParse(page, limit, out var request, out var errors);
        var parsedStatus = WorkflowStatus.Parse(status);
        if (status is not null && parsedStatus is null)
        {
            errors["status"] = [$"status must be one of {string.Join(", ", WorkflowStatus.All)}; got '{status}'."];
        }

        if (errors.Count > 0)
        {
            return PageRequest.Problem(errors);
        }

        return TypedResults.Ok(await workflows.ListAsync(request, parsedStatus));
    }

    internal static async Task<Results<Ok<WorkflowView>, ProblemHttpResult>> GetWorkflow(string id, WorkflowService workflows) =>
        await workflows.GetAsync(id) is { } workflow ? TypedResults.Ok(workflow) : NotFound(id);

    internal static async Task<Results<Accepted<WorkflowView>, Ok<WorkflowView>, ValidationProblem, ProblemHttpResult>> CreateWorkflow(
        HttpRequest http, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateWorkflowRequest>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (request is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Missing body", detail: "Send JSON like { \"templateId\": \"repo-status\", \"inputs\": {} } or { \"task\": \"run the repository status workflow\" }.");
        }

        return await workflows.StartAsync(request, cancellationToken) switch
        {
            StartOutcome.Started { Created: true } s => TypedResults.Accepted($"/api/workflows/{s.Workflow.Id}", s.Workflow),
            StartOutcome.Started s => TypedResults.Ok(s.Workflow),
            StartOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "Invalid workflow request",
                detail: string.Join(" ", i.Errors.Values.SelectMany(messages => messages))),
            StartOutcome.UnknownTemplate u => UnknownTemplate(u.TemplateId),
            StartOutcome.Unavailable u => Unavailable(u),
            StartOutcome.NotUnderstood n => TypedResults.Problem(statusCode: 422, title: "Task not understood", detail: n.Detail,
                extensions: new Dictionary<string, object?> { [ProblemFields.Suggestions] = n.Suggestions }),
            var other => throw new InvalidOperationException($"Unhandled start outcome {other.GetType().Name}."),
        };
    }

    internal static async Task<Results<Ok<BatchResult>, ProblemHttpResult>> CreateWorkflows(
        HttpRequest http, WorkflowService workflows, IOptions<WorkflowOptions> options, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateWorkflowBatchRequest>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var max = options.Value.MaxBatchSize;
        if (request?.Items is not { Count: > 0 } items)
        {
            return TypedResults.Problem(statusCode: 400, title: "Empty batch", detail: "Send { \"items\": [ { \"templateId\": ..., \"inputs\": {...} }, ... ] } with 1 or more items.");
        }

        if (items.Count > max)
        {
            return TypedResults.Problem(statusCode: 400, title: "Batch too large", detail: $"A batch holds at most {max} items; this one has {items.Count}. Split it.");
        }

        // Each item is a workflow start: it costs what a single start costs (the policy took one permit).
        if (await RateLimitingExtensions.SpendCommandPermitsAsync(http.HttpContext, items.Count - 1, cancellationToken) is { } retryAfter)
        {
            http.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: 429, title: "Too many requests",
                detail: $"A batch spends one permit of the workflow-start budget per item; {items.Count} items do not fit what is left. Try again in {retryAfter} s, or send fewer items.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfter });
        }

        return TypedResults.Ok(await workflows.StartBatchAsync(items, options.Value.BatchParallelism, cancellationToken));
    }

    internal static async Task<Results<Accepted<WorkflowView>, ProblemHttpResult>> CancelWorkflow(string id, WorkflowService workflows) =>
        await workflows.CancelAsync(id) switch
        {
            (ControlOutcome.Done, var w) => TypedResults.Accepted($"/api/workflows/{id}", w!),
            (ControlOutcome.NotFound, _) => NotFound(id),
            (ControlOutcome.Forbidden, var w) => NotYours(w!, "cancel"),
            (_, var w) => TypedResults.Problem(statusCode: 409, title: "Already finished",
                detail: $"Workflow {id} is {w?.Status}; only pending or running workflows can be canceled."),
        };

    internal static async Task<Results<Accepted<WorkflowView>, ProblemHttpResult>> RetryWorkflow(string id, WorkflowService workflows) =>
        await workflows.RetryAsync(id) switch
        {
            (ControlOutcome.Done, var w) => TypedResults.Accepted($"/api/workflows/{id}", w!),
            (ControlOutcome.NotFound, _) => NotFound(id),
            (ControlOutcome.Forbidden, var w) => NotYours(w!, "retry"),
            (_, var w) => TypedResults.Problem(statusCode: 409, title: "Cannot retry",
                detail: $"Workflow {id} is {w?.Status}; only failed or canceled workflows can be retried."),
        };

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWorkflow(string id, WorkflowService workflows) =>
        await workflows.DeleteAsync(id) switch
        {
            ControlOutcome.Done => TypedResults.NoContent(),
            ControlOutcome.NotFound => NotFound(id),
            ControlOutcome.Forbidden => TypedResults.Problem(statusCode: 403, title: "Not your workflow",
                detail: $"Only the owner of workflow {id} or an admin may delete it."),
            _ => TypedResults.Problem(statusCode: 409, title: "Still running",
                detail: $"Workflow {id} has not finished; cancel it first, then delete it."),
        };

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetArtifact(string id, string name, WorkflowStore store) =>
        await store.GetArtifactAsync(id, name) is { } artifact
            ? TypedResults.File(artifact.Content, artifact.ContentType, name)
            : TypedResults.Problem(statusCode: 404, title: "Unknown artifact", detail: $"Workflow {id} has no artifact '{name}'.");

    /// <summary>Workflows are a team board: everyone sees them, only the owner or an admin changes one.</summary>
    internal static ProblemHttpResult NotYours(WorkflowView workflow, string action) =>
        TypedResults.Problem(statusCode: 403, title: "Not your workflow",
            detail: $"Workflow {workflow.Number} was started by '{workflow.Owner ?? "the hub"}'; only its owner or an admin may {action} it.");

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown workflow", detail: $"There is no workflow '{id}'. GET /api/workflows lists them.");

    internal static ProblemHttpResult UnknownTemplate(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown template", detail: $"There is no template '{id}'. GET /api/templates lists them.");

    internal static ProblemHttpResult Unavailable(StartOutcome.Unavailable u) =>
        TypedResults.Problem(statusCode: 422, title: "Template not available here", detail: u.Detail,
            extensions: new Dictionary<string, object?> { [ProblemFields.Missing] = u.Missing });

}
