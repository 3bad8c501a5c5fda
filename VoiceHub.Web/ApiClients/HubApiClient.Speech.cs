using System.Net;
using System.Net.Http.Headers;

namespace VoiceHub.Web.ApiClients;

/// <summary>What the console shows for a spoken command: what the hub heard, whether it asks to confirm, and its answer.</summary>
/// <param name="Heard">The transcript; null when the audio never reached a recogniser (too large, API down).</param>
/// <param name="NeedsConfirmation">A change was heard unsurely and nothing was done; sending <c>Heard.Text</c> confirms it.</param>
/// <param name="Reply">The hub's answer in the shape of a typed command's, so the console shows both alike.</param>
public sealed record SpokenCommandResult(SpeechRecognition? Heard, bool NeedsConfirmation, CommandReply Reply);

// Speech: the web forwards the browser's recordings with its own credentials; the browser never holds a key.
public sealed partial class HubApiClient
{
    /// <summary>What <c>GET /api/speech</c> reports, or null when the API does not answer it (so the page offers no server speech).</summary>
    public async Task<SpeechCapabilities?> GetSpeechCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetOrNullAsync<SpeechCapabilities>("/api/speech", cancellationToken);
        }
        catch (HubApiException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a recorded WAV to <c>POST /api/speech/commands</c>. Always an answer to show: rejected
    /// speech asks to say it again, a refused command carries its reply, any other failure is an
    /// <see cref="CommandActions.Error"/> reply with the problem's detail.
    /// </summary>
    public async Task<SpokenCommandResult> SendSpokenCommandAsync(byte[] wav, string? threadId, CancellationToken cancellationToken = default)
    {
        var path = "/api/speech/commands" + (threadId is null ? "" : "?threadId=" + Uri.EscapeDataString(threadId));
        var content = new ByteArrayContent(wav);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        try
        {
            using var response = await SendContentAsync(HttpMethod.Post, path, content, cancellationToken);
            return ReadSpokenAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), threadId);
        }
        catch (HubApiException ex)
        {
            return new(null, false, Failure("", ex.Problem.Message, threadId));
        }
    }

    /// <summary>Turns any answer of <c>POST /api/speech/commands</c> (success or problem) into what the console shows.</summary>
    public static SpokenCommandResult ReadSpokenAnswer(HttpStatusCode status, string body, string? threadId)
    {
        if ((int)status is >= 200 and < 300 && TryRead<SpeechCommandReply>(body) is { Speech: not null } answer)
        {
            var reply = answer.Command ?? new CommandReply(
                answer.Speech.Text, null, null, answer.Speech.Confidence, null, answer.Action, answer.Reply, ThreadId: threadId);
            return new(answer.Speech, answer.NeedsConfirmation, reply);
        }

        // A refused command (404, 409, 403, 422 unmatched) carries the command's fields beside "speech".
        var problem = TryRead<SpeechProblemDto>(body);
        if (TryReadCommand(body) is { } refused)
        {
            return new(problem?.Speech, false, status == HttpStatusCode.UnprocessableEntity ? refused : refused with { Action = CommandActions.Error });
        }

        // Speech rejected (422 with "speech"): not a failure, the person says it again.
        var detail = problem?.Detail ?? problem?.Title ?? $"The hub answered {(int)status}.";
        return problem?.Speech is { } heard
            ? new(heard, false, new CommandReply(heard.Text, null, null, heard.Confidence, null, problem.Action ?? CommandActions.Unmatched, detail, ThreadId: threadId))
            : new(null, false, Failure("", detail, threadId));
    }

    /// <summary>A reply read aloud by the hub (espeak-ng WAV), or null when it cannot say it; the reply is shown as text either way.</summary>
    public async Task<byte[]?> SayAsync(string text, CancellationToken cancellationToken = default)
    {
        try
        {
            var said = text.Length <= SpeechLimits.MaxSayCharacters ? text : text[..SpeechLimits.MaxSayCharacters];
            using var response = await SendAsync(HttpMethod.Post, "/api/speech/say", new SayRequest(said), cancellationToken);
            return response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "audio/wav"
                ? await response.Content.ReadAsByteArrayAsync(cancellationToken)
                : null;
        }
        catch (HubApiException)
        {
            return null;
        }
    }

    private static CommandReply Failure(string text, string reply, string? threadId) =>
        new(text, null, null, 0, null, CommandActions.Error, reply, ThreadId: threadId);

    private sealed record SpeechProblemDto(string? Title, string? Detail, SpeechRecognition? Speech, string? Action);
}
