using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.Performance.Limits;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Create, list, read, cancel, retry and delete workflows.</summary>
public static class WorkflowEndpoints
{

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows");
        group.MapGet("/", ListWorkflows).WithName("ListWorkflows").WithSummary("Workflows, newest first, optionally of one status.");
        group.MapGet("/{id}", GetWorkflow).WithName("GetWorkflow").WithSummary("One workflow with its steps.");
        group.MapPost("/", CreateWorkflow).WithJsonBody<CreateWorkflowRequest>().WithName("CreateWorkflow").WithSummary("Starts a workflow from a template (202).")
            .RequireRateLimiting(RateLimitPolicies.Commands);
        group.MapPost("/batch", CreateWorkflows).WithJsonBody<CreateWorkflowBatchRequest>().WithName("CreateWorkflows").WithSummary("Starts many workflows in one request.")
            .RequireRateLimiting(RateLimitPolicies.Commands).WithRequestTimeout(RequestTimeoutPolicies.Batch);
        group.MapPost("/{id}/cancel", CancelWorkflow).WithName("CancelWorkflow").WithSummary("Cancels a pending or running workflow.");
        group.MapPost("/{id}/retry", RetryWorkflow).WithName("RetryWorkflow").WithSummary("Runs a failed or canceled workflow again from its first unfinished step.");
        group.MapDelete("/{id}", DeleteWorkflow).WithName("DeleteWorkflow").WithSummary("Deletes a finished workflow.");
        group.MapGet("/{id}/artifacts/{name}", GetArtifact).WithName("GetWorkflowArtifact").WithSummary("Downloads a file a step produced.");
        return app;
    }

    internal static async Task<Results<Ok<PagedResult<WorkflowState>>, ValidationProblem>> ListWorkflows(
        string? page, string? limit, string? status, WorkflowStore store)
    {
        PageRequest.TryParse(page, limit, out var request, out var errors);
        var parsedStatus = WorkflowStatus.Parse(status);
        if (status is not null && parsedStatus is null)
        {
            errors["status"] = [$"status must be one of {string.Join(", ", WorkflowStatus.All)}; got '{status}'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid list request");
        }

        return TypedResults.Ok(await store.ListAsync(request, parsedStatus));
    }

    internal static async Task<Results<Ok<WorkflowState>, ProblemHttpResult>> GetWorkflow(string id, WorkflowService workflows) =>
        await workflows.GetAsync(id) is { } workflow ? TypedResults.Ok(workflow) : NotFound(id);

    internal static async Task<Results<Accepted<WorkflowState>, Ok<WorkflowState>, ValidationProblem, ProblemHttpResult>> CreateWorkflow(
        HttpRequest http, WorkflowService workflows, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateWorkflowRequest>(http, cancellationToken);
        var interpreter = services.GetService<IWorkflowTaskInterpreter>();
        if (problem is not null)
        {
            return problem;
        }

        if (request is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Missing body", detail: "Send JSON like { \"templateId\": \"repo-status\", \"inputs\": {} } or { \"task\": \"run the repository status workflow\" }.");
        }

        return await StartAsync(request, workflows, interpreter, cancellationToken) switch
        {
            StartOutcome.Started { Created: true } s => TypedResults.Accepted($"/api/workflows/{s.Workflow.Id}", s.Workflow),
            StartOutcome.Started s => TypedResults.Ok(s.Workflow),
            StartOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "Invalid workflow request",
                detail: string.Join(" ", i.Errors.Values.SelectMany(messages => messages))),
            StartOutcome.UnknownTemplate u => UnknownTemplate(u.TemplateId),
            StartOutcome.Unavailable u => Unavailable(u),
            StartOutcome.NotUnderstood n => TypedResults.Problem(statusCode: 422, title: "Task not understood", detail: n.Detail,
                extensions: new Dictionary<string, object?> { ["suggestions"] = n.Suggestions }),
            _ => throw new InvalidOperationException(),
        };
    }

    internal static async Task<Results<Ok<BatchResult>, ProblemHttpResult>> CreateWorkflows(
        HttpRequest http, WorkflowService workflows, IOptions<WorkflowOptions> options, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateWorkflowBatchRequest>(http, cancellationToken);
        var interpreter = services.GetService<IWorkflowTaskInterpreter>();
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

        // Items start concurrently, a bounded number at a time; each start is one atomic Lua script,
        // so an item is created whole or not at all, and results keep the items' order.
        var results = new BatchItemResult[items.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (i, _) =>
        {
            results[i] = items[i] is not { } item
                ? new BatchItemResult(i, 400, null, null, "Item is null.", null)
                : await StartAsync(item, workflows, interpreter, cancellationToken) switch
                {
                    StartOutcome.Started s => new BatchItemResult(i, s.Created ? 202 : 200, s.Workflow.Id, s.Created, null, null),
                    StartOutcome.Invalid v => new BatchItemResult(i, 400, null, null, "Invalid inputs.", v.Errors),
                    StartOutcome.UnknownTemplate u => new BatchItemResult(i, 404, null, null, $"There is no template '{u.TemplateId}'.", null),
                    StartOutcome.Unavailable u => new BatchItemResult(i, 422, null, null, UnavailableDetail(u), null),
                    StartOutcome.NotUnderstood n => new BatchItemResult(i, 422, null, null, n.Detail, null),
                    _ => throw new InvalidOperationException(),
                };
        });

        var accepted = results.Count(r => r.Status < 300);
        return TypedResults.Ok(new BatchResult(accepted, results.Length - accepted, results));
    }

    internal static async Task<Results<Accepted<WorkflowState>, ProblemHttpResult>> CancelWorkflow(string id, WorkflowService workflows) =>
        await workflows.CancelAsync(id) switch
        {
            (ControlOutcome.Done, var w) => TypedResults.Accepted($"/api/workflows/{id}", w!),
            (ControlOutcome.NotFound, _) => NotFound(id),
            (_, var w) => TypedResults.Problem(statusCode: 409, title: "Already finished",
                detail: $"Workflow {id} is {w?.Status}; only pending or running workflows can be canceled."),
        };

    internal static async Task<Results<Accepted<WorkflowState>, ProblemHttpResult>> RetryWorkflow(string id, WorkflowService workflows) =>
        await workflows.RetryAsync(id) switch
        {
            (ControlOutcome.Done, var w) => TypedResults.Accepted($"/api/workflows/{id}", w!),
            (ControlOutcome.NotFound, _) => NotFound(id),
            (_, var w) => TypedResults.Problem(statusCode: 409, title: "Cannot retry",
                detail: $"Workflow {id} is {w?.Status}; only failed or canceled workflows can be retried."),
        };

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWorkflow(string id, WorkflowService workflows) =>
        await workflows.DeleteAsync(id) switch
        {
            ControlOutcome.Done => TypedResults.NoContent(),
            ControlOutcome.NotFound => NotFound(id),
            _ => TypedResults.Problem(statusCode: 409, title: "Still running",
                detail: $"Workflow {id} has not finished; cancel it first, then delete it."),
        };

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetArtifact(string id, string name, WorkflowStore store) =>
        await store.GetArtifactAsync(id, name) is { } artifact
            ? TypedResults.File(artifact.Content, artifact.ContentType, name)
            : TypedResults.Problem(statusCode: 404, title: "Unknown artifact", detail: $"Workflow {id} has no artifact '{name}'.");

    /// <summary>Starts from <c>templateId</c> + <c>inputs</c>, or from a free-text <c>task</c> read by the command recogniser.</summary>
    private static async Task<StartOutcome> StartAsync(
        CreateWorkflowRequest request, WorkflowService workflows, IWorkflowTaskInterpreter? interpreter, CancellationToken cancellationToken)
    {
        var templateId = request.TemplateId?.Trim();
        var inputs = request.Inputs;
        if (string.IsNullOrEmpty(templateId) && !string.IsNullOrWhiteSpace(request.Task) && interpreter is not null)
        {
            if (request.Task.Length > MaxTaskLength)
            {
                return new StartOutcome.Invalid(new() { ["task"] = [$"task is {request.Task.Length} characters; at most {MaxTaskLength}."] });
            }

            var reading = await interpreter.InterpretAsync(request.Task.Trim(), cancellationToken);
            if (reading.TemplateId is null)
            {
                return new StartOutcome.NotUnderstood(reading.Problem!, reading.Suggestions);
            }

            // Inputs given explicitly win over what the sentence said.
            templateId = reading.TemplateId;
            inputs = reading.Inputs;
            foreach (var (name, value) in request.Inputs ?? [])
            {
                inputs[name] = value?.DeepClone();
            }
        }

        if (string.IsNullOrEmpty(templateId))
        {
            return new StartOutcome.Invalid(new()
            {
                ["templateId"] = ["templateId (or a task sentence) is required; GET /api/templates lists the templates."],
            });
        }

        return await workflows.StartAsync(new StartWorkflow(templateId, inputs, request.IdempotencyKey, request.ThreadId));
    }

    private const int MaxTaskLength = 500;

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown workflow", detail: $"There is no workflow '{id}'. GET /api/workflows lists them.");

    internal static ProblemHttpResult UnknownTemplate(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown template", detail: $"There is no template '{id}'. GET /api/templates lists them.");

    internal static ProblemHttpResult Unavailable(StartOutcome.Unavailable u) =>
        TypedResults.Problem(statusCode: 422, title: "Template not available here", detail: UnavailableDetail(u),
            extensions: new Dictionary<string, object?> { ["missing"] = u.Missing });

    private static string UnavailableDetail(StartOutcome.Unavailable u) =>
        $"'{u.Template.Name}' cannot start: it needs {string.Join("; ", u.Missing)}.";
}
