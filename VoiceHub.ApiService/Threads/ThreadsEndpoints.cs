using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Threads;

/// <summary>Conversation memory over HTTP: <c>/api/threads</c>.</summary>
public static class ThreadsEndpoints
{
    // Caps on raw body size, generous enough for the largest valid input even if every
    // character is sent as a 6-byte \uXXXX escape, so only bodies that cannot be valid are refused.
    private const int BytesPerChar = 6;
    private const int MapChars = ThreadRules.MaxEntries * (ThreadRules.MaxKeyLength + ThreadRules.MaxValueLength);
    private const long CreateBodyBytes = (ThreadRules.MaxTitleLength + MapChars) * BytesPerChar + 1024;

    public static IEndpointRouteBuilder MapThreadEndpoints(this IEndpointRouteBuilder app)
    {
        // Threads are private: only their owner (or an admin) reads or writes one.
        var group = app.MapGroup("/api/threads").WithTags("Threads").RequireAuthorization(HubPolicies.Operator);

        group.MapPost("/", CreateThread)
            .WithJsonBody<CreateThreadRequest>(required: false)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("CreateThread")
            .WithSummary("Starts a thread; at the thread limit the least recently active thread is evicted with its messages.");
        group.MapGet("/", ListThreads)
            .WithName("ListThreads")
            .WithSummary("Lists threads, most recently active first.");
        group.MapGet("/{id}", GetThread)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetThread")
            .WithSummary("Gets one thread with its message count and the limits in force.");
        group.MapDelete("/{id}", DeleteThread)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteThread")
            .WithSummary("Deletes a thread and its messages.");
        group.MapGet("/{id}/messages", ListMessages)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListThreadMessages")
            .WithSummary("Lists a thread's messages, oldest first.");
        group.MapPost("/{id}/messages", AppendMessage)
            .WithJsonBody<NewMessageRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("AppendThreadMessage")
            .WithSummary("Appends one message; the oldest messages beyond the limit are trimmed.");
        group.MapPost("/{id}/messages/batch", AppendBatch)
            .WithJsonBody<AppendBatchRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("AppendThreadMessages")
            .WithSummary("Appends many messages in one step: all are stored, or none when any is invalid.");
        return app;
    }

    internal static async Task<Results<Created<ThreadResponse>, ValidationProblem, ProblemHttpResult>> CreateThread(
        HttpRequest request, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateThreadRequest>(request, CreateBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        body ??= new CreateThreadRequest();
        var errors = new Dictionary<string, string[]>();
        ThreadRules.CheckTitle(body.Title?.Trim(), errors);
        ThreadRules.CheckMap(body.Metadata, "metadata", errors);
        if (errors.Count > 0)
        {
            return Invalid(errors, ThreadRules.Describe(errors));
        }

        var thread = await store.CreateAsync(body.Title, body.Metadata, user.HubId(), cancellationToken);
        return TypedResults.Created($"/api/threads/{thread.Id}", ThreadResponse.From(thread, store.Limits));
    }

    internal static async Task<Results<Ok<PageWithLimits<ConversationThread>>, ValidationProblem>> ListThreads(
        [FromQuery] string? page, [FromQuery] string? limit, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        var result = user.IsAdmin() ? await store.ListAsync(request, cancellationToken) : await store.ListAsync(request, user.HubId()!, cancellationToken);
        return TypedResults.Ok(PageWithLimits<ConversationThread>.From(result, store.Limits));
    }

    internal static async Task<Results<Ok<ThreadResponse>, ProblemHttpResult>> GetThread(
        string id, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        var thread = await MineAsync(id, user, store, cancellationToken);
        return thread is null ? NotFound(id, store) : TypedResults.Ok(ThreadResponse.From(thread, store.Limits));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteThread(
        string id, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken) =>
        await MineAsync(id, user, store, cancellationToken) is not null && await store.DeleteAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(id, store);

    internal static async Task<Results<Ok<PageWithLimits<ThreadMessage>>, ValidationProblem, ProblemHttpResult>> ListMessages(
        string id, [FromQuery] string? page, [FromQuery] string? limit, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        if (await MineAsync(id, user, store, cancellationToken) is null)
        {
            return NotFound(id, store);
        }

        var result = await store.ListMessagesAsync(id, request, cancellationToken);
        return result is null ? NotFound(id, store) : TypedResults.Ok(PageWithLimits<ThreadMessage>.From(result, store.Limits));
    }

    internal static async Task<Results<Created<ThreadMessage>, ValidationProblem, ProblemHttpResult>> AppendMessage(
        string id, HttpRequest request, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        if (await MineAsync(id, user, store, cancellationToken) is null)
        {
            return NotFound(id, store);
        }

        var (body, problem) = await JsonRequestBody.ReadAsync<NewMessageRequest>(request, MessageBytes(store.Limits), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var message = ThreadRules.CheckRequest(body, "", store.Limits.MaxMessageLength, errors);
        if (message is null)
        {
            return Invalid(errors, ThreadRules.Describe(errors));
        }

        var stored = await store.AppendAsync(id, message, cancellationToken);
        return stored is null ? NotFound(id, store) : TypedResults.Created($"/api/threads/{id}/messages", stored);
    }

    internal static async Task<Results<Created<AppendBatchResponse>, ValidationProblem, ProblemHttpResult>> AppendBatch(
        string id, HttpRequest request, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken)
    {
        if (await MineAsync(id, user, store, cancellationToken) is null)
        {
            return NotFound(id, store);
        }

        var limits = store.Limits;
        var (body, problem) = await JsonRequestBody.ReadAsync<AppendBatchRequest>(
            request, MessageBytes(limits) * limits.MaxBatchSize, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Messages is not { Count: > 0 } items || items.Count > limits.MaxBatchSize)
        {
            var count = body?.Messages?.Count ?? 0;
            var errors = new Dictionary<string, string[]>
            {
                ["messages"] = [$"messages must be an array of 1 to {limits.MaxBatchSize} messages; got {count}."],
            };
            return Invalid(errors, ThreadRules.Describe(errors));
        }

        var itemErrors = new Dictionary<string, string[]>();
        var messages = new List<NewMessage>(items.Count);
        var badIndexes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (ThreadRules.CheckRequest(items[i], $"messages[{i}].", limits.MaxMessageLength, itemErrors) is { } message)
            {
                messages.Add(message);
            }
            else
            {
                badIndexes.Add(i);
            }
        }

        if (badIndexes.Count > 0)
        {
            return Invalid(itemErrors,
                $"{badIndexes.Count} of {items.Count} messages are invalid (index {string.Join(", ", badIndexes)}), so none were stored. "
                + ThreadRules.Describe(itemErrors));
        }

        var result = await store.AppendBatchAsync(id, messages, cancellationToken);
        return result is null
            ? NotFound(id, store)
            : TypedResults.Created($"/api/threads/{id}/messages", new AppendBatchResponse(id, result.Messages, result.MessageCount, limits));
    }

    /// <summary>
    /// The thread when the caller owns it (or is an admin); else null, answered as 404 like a thread
    /// that does not exist, so ids cannot be probed.
    /// </summary>
    internal static async Task<ConversationThread?> MineAsync(string id, ClaimsPrincipal user, ThreadStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } thread && user.MayManage(thread.Owner) ? thread : null;

    private static long MessageBytes(ThreadLimits limits) => ((long)limits.MaxMessageLength + MapChars) * BytesPerChar + 1024;

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "Invalid request");

    private static ProblemHttpResult NotFound(string id, ThreadStore store) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Thread not found",
        detail: $"No thread has id '{id}'. It may have been deleted, or evicted as the least recently active once "
            + $"{store.Limits.MaxThreads} threads existed; GET /api/threads lists the threads that exist.");
}
