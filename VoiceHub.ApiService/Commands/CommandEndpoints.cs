using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Threads;

namespace VoiceHub.ApiService.Commands;

/// <summary><c>POST /api/commands</c>: a sentence in, an action taken and a reply out.</summary>
public static class CommandEndpoints
{
    /// <summary>A command is a sentence; anything near this size is not one.</summary>
    internal const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/commands", RunCommand)
            .WithJsonBody<CommandRequest>()
            .Produces<CommandReply>(StatusCodes.Status200OK)
            .Produces<CommandReply>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(RateLimitPolicies.Commands)
            .RequireAuthorization(HubPolicies.Operator)
            .WithName("RunCommand")
            .WithSummary("Recognises a typed or spoken command and carries it out: starts a workflow (202) or answers (200).")
            .WithTags("Commands");
        return app;
    }

    internal static async Task<Results<Accepted<CommandReply>, Ok<CommandReply>, ProblemHttpResult>> RunCommand(
        HttpRequest request, System.Security.Claims.ClaimsPrincipal user, CommandService commands, ThreadStore threads, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CommandRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!ParseCommandRequest.IsValid(body?.Text, out var invalid))
        {
            return Problem(400, "Invalid command request", invalid);
        }

        var text = body!.Text!.Trim();

        // Check the thread first: a command must not run when its conversation cannot record it.
        if (body!.ThreadId is { } threadId && await ThreadsEndpoints.MineAsync(threadId, user, threads, cancellationToken) is null)
        {
            return Problem(404, "Unknown thread", $"There is no thread '{threadId}'. Create one with POST /api/threads, or leave threadId out.");
        }

        var outcome = await commands.ExecuteAsync(text, body.ThreadId, body.IdempotencyKey, cancellationToken);
        var reply = outcome.Reply;
        if (body.ThreadId is not null)
        {
            await RecordAsync(threads, body.ThreadId, reply, cancellationToken);
        }

        return outcome switch
        {
            CommandOutcome.Accepted a => TypedResults.Accepted($"/api/workflows/{a.Workflow.Id}", reply),
            CommandOutcome.Answered => TypedResults.Ok(reply),
            CommandOutcome.NotUnderstood => Refusal(422, "Command not understood", reply),
            CommandOutcome.UnknownWorkflow => Refusal(404, "Command not carried out", reply),
            CommandOutcome.Conflict => Refusal(409, "Command not carried out", reply),
            CommandOutcome.Forbidden => Refusal(403, "Command not carried out", reply),
            _ => Refusal(422, "Command not carried out", reply),
        };
    }

    /// <summary>The user's words and the hub's answer, with what it understood, in one atomic append.</summary>
    internal static async Task RecordAsync(ThreadStore threads, string threadId, CommandReply reply, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string> { [ThreadMessageData.Action] = reply.Action };
        if (reply.Intent is not null)
        {
            data[ThreadMessageData.Intent] = reply.Intent;
            data[ThreadMessageData.Stage] = reply.Stage ?? "";
        }

        if (reply.Workflow is not null)
        {
            data[ThreadMessageData.WorkflowId] = reply.Workflow.Id;
        }

        await threads.AppendBatchAsync(threadId,
        [
            new NewMessage(MessageRole.User, threads.Limits.Fit(reply.Text)),
            new NewMessage(MessageRole.Hub, threads.Limits.Fit(reply.Reply), data),
        ], cancellationToken);
    }

    private static ProblemHttpResult Refusal(int status, string title, CommandReply reply) =>
        TypedResults.Problem(statusCode: status, title: title, detail: reply.Reply, extensions: ToExtensions(reply));

    internal static Dictionary<string, object?> ToExtensions(CommandReply reply) => new()
    {
        ["text"] = reply.Text,
        ["intent"] = reply.Intent,
        ["slots"] = reply.Slots,
        ["confidence"] = reply.Confidence,
        ["stage"] = reply.Stage,
        ["action"] = reply.Action,
        ["reply"] = reply.Reply,
        ["workflow"] = reply.Workflow,
        [ProblemFields.Suggestions] = reply.Suggestions,
        ["threadId"] = reply.ThreadId,
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
