using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Speech.Synthesis;

/// <summary><c>POST /api/speech/say</c>: a reply read aloud by espeak-ng, as a WAV file.</summary>
internal static class SayEndpoint
{
    private const long MaxBodyBytes = 8 * 1024;

    public static RouteHandlerBuilder MapSay(this IEndpointRouteBuilder group) =>
        group.MapPost("/say", SayAsync)
            .WithJsonBody<SayRequest>()
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("SaySpeech")
            .WithSummary("Reads a short text aloud with espeak-ng and answers the WAV (for browsers without voices of their own).");

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SayAsync(
        HttpRequest request, SpeechSynthesizer synthesizer, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<SayRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!SayRequest.IsValid(body?.Text, out var invalid))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid text to say", detail: invalid);
        }

        return await synthesizer.SayAsync(Speakable(body!.Text!), cancellationToken) switch
        {
            SayOutcome.Spoken spoken => TypedResults.File(spoken.Wav, "audio/wav"),
            SayOutcome.Busy => Busy(request.HttpContext),
            SayOutcome.Unavailable unavailable => TypedResults.Problem(statusCode: 422, title: "Speech synthesis unavailable",
                detail: $"The hub cannot read this aloud: {unavailable.Reason} Show the reply as text instead."),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    /// <summary>One line of plain words: control characters (new lines, escapes) become spaces.</summary>
    internal static string Speakable(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();

    private static ProblemHttpResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: 429, title: "Speech synthesis busy",
            detail: "Other replies are being read aloud right now; try again in a second.");
    }
}
