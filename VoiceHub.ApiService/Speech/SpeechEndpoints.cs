using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Synthesis;

namespace VoiceHub.ApiService.Speech;

/// <summary><c>/api/speech</c>: audio in; text out, or a command carried out.</summary>
public static class SpeechEndpoints
{
    internal const string Formats =
        "WAV (RIFF): PCM 8/16/24/32-bit or 32-bit float, 8–96 kHz, 1–8 channels (downmixed and resampled to 16 kHz mono); 16 kHz mono 16-bit is best.";

    public static IEndpointRouteBuilder MapSpeechApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/speech").WithTags("Speech");
        group.MapGet("/", GetCapabilities)
            .WithName("GetSpeechCapabilities")
            .WithSummary("Lists the speech engines, whether each is available and why not, and the audio accepted.")
            .RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/recognize", Recognize)
            .WithAudioBody()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimitPolicies.Commands)
            .RequireAuthorization(HubPolicies.Viewer)
            .WithName("RecognizeSpeech")
            .WithSummary("Turns a WAV recording of one command into text (engine=pocketsphinx|whisper to choose).");
        group.MapPost("/commands", SpeechCommandEndpoint.RunSpokenCommand)
            .WithAudioBody()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimitPolicies.Commands)
            .RequireAuthorization(HubPolicies.Operator)
            .WithName("RunSpokenCommand")
            .WithSummary("Recognises a spoken command and carries it out like POST /api/commands; unsure changes ask for confirmation.");
        group.MapSay()
            .RequireRateLimiting(RateLimitPolicies.Commands)
            .RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/grammar/rebuild", RebuildGrammar)
            .WithName("RebuildSpeechGrammar")
            .WithSummary("Regenerates the speech grammar from the intent grammar and the current workspace names.")
            .RequireAuthorization(HubPolicies.Admin);
        return app;
    }

    internal static Ok<SpeechCapabilities> GetCapabilities(
        SpeechRecognizer speech, PocketSphinxEngine pocketSphinx, SpeechSynthesizer synthesizer, IOptions<SpeechOptions> options)
    {
        var grammar = pocketSphinx.Grammar is { } g ? new SpeechGrammarInfo(g.Words.Count, g.States, g.Transitions, g.Dropped) : null;
        return TypedResults.Ok(new SpeechCapabilities(
            speech.IsAvailable, speech.Engines, Formats, options.Value.MaxDurationSeconds, options.Value.MaxBodyBytes, grammar, synthesizer.Status));
    }

    internal static async Task<Results<Ok<SpeechRecognition>, ProblemHttpResult>> Recognize(
        HttpRequest request, string? engine, SpeechRecognizer speech, IOptions<SpeechOptions> options, CancellationToken cancellationToken)
    {
        var (audio, problem) = await SpeechAudioBody.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (result, engineProblem) = await speech.RecognizeAsync(audio!, engine, cancellationToken);
        return result is not null
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: engineProblem!.Status, title: "Speech engine unavailable", detail: engineProblem.Detail);
    }

    internal static Results<Ok<SpeechCapabilities>, ProblemHttpResult> RebuildGrammar(
        SpeechRecognizer speech, PocketSphinxEngine pocketSphinx, SpeechSynthesizer synthesizer, IOptions<SpeechOptions> options)
    {
        if (!pocketSphinx.Status.Available)
        {
            return TypedResults.Problem(statusCode: 503, title: "Speech engine unavailable",
                detail: $"PocketSphinx is unavailable ({pocketSphinx.Status.Reason}); there is no grammar to rebuild.");
        }

        pocketSphinx.Rebuild();
        return GetCapabilities(speech, pocketSphinx, synthesizer, options);
    }
}
