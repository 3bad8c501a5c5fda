using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Commands;

/// <summary>Commands as text in, intents out; and the list of intents the hub understands.</summary>
public static class CommandParseEndpoints
{
    public static IEndpointRouteBuilder MapCommandParseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/commands").WithTags("Commands")
            .MapPost("/parse", ParseCommand)
            .WithJsonBody<ParseCommandRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(HubPolicies.Viewer)
            .WithName("ParseCommand")
            .WithSummary("Recognises the intent and slots of a typed or spoken command; unmatched commands get suggestions.");

        app.MapGroup("/api/intents").WithTags("Commands")
            .MapGet("/", ListIntents)
            .CacheOutput(OutputCachePolicies.Intents)
            .WithContentETag()
            .RequireAuthorization(HubPolicies.Viewer)
            .WithName("ListIntents")
            .WithSummary("Lists the intents the hub understands, with descriptions, example sentences and slots.");
        return app;
    }

    internal static async Task<Results<Ok<RecognizedIntent>, ProblemHttpResult>> ParseCommand(
        HttpRequest request, IntentRecognizer recognizer, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ParseCommandRequest>(request, CommandEndpoints.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var text = body?.Text;
        if (!ParseCommandRequest.IsValid(text, out var invalid))
        {
            return BadRequest(invalid);
        }

        var result = await recognizer.RecognizeAsync(text, cancellationToken);
        if (result.Match is { } match)
        {
            return TypedResults.Ok(match);
        }

        return TypedResults.Problem(
            title: "Command not understood",
            detail: $"No intent matches '{text}'. Try one of the suggested sentences, or say 'help' to hear what the hub can do.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["suggestions"] = result.Suggestions });
    }

    internal static Results<Ok<PagedResult<IntentDescription>>, ValidationProblem> ListIntents(
        CompiledGrammar grammar, string? page = null, string? limit = null)
    {
        if (!PageRequest.TryParse(page, limit, out var paging, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        var items = grammar.Intents.Skip(paging.SkipCount).Take(paging.Limit).ToArray();
        return TypedResults.Ok(new PagedResult<IntentDescription>(items, paging.Page, paging.Limit, grammar.Intents.Length));
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid command request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
