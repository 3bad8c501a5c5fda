using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Reads the request body as a WAV recording, with a problem a person can act on for anything
/// else: 400 empty or malformed, 413 too large or too long, 415 not WAV or an encoding not read.
/// </summary>
internal static class SpeechAudioBody
{
    /// <summary>Shortest audio that can hold a word.</summary>
    public const double MinSeconds = 0.1;

    private static readonly string[] WavTypes = ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "application/octet-stream"];

    public static async Task<(SpeechAudio? Audio, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, SpeechOptions options, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(type) && !WavTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(415, "Unsupported media type", $"Send the recording as a WAV file with Content-Type: audio/wav; got '{type}'.");
        }

        // Audio is larger than the JSON the server-wide limit is sized for; this route has its own cap.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        var tooLarge = $"The recording is over the {options.MaxBodyBytes}-byte limit ({SpeechOptions.Section}:MaxBodyBytes); send at most {options.MaxDurationSeconds:0.#} s of 16 kHz mono 16-bit WAV.";
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return Fail(413, "Audio too large", tooLarge);
        }

        using var body = new MemoryStream();
        var chunk = new byte[32 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > options.MaxBodyBytes)
            {
                return Fail(413, "Audio too large", tooLarge);
            }

            body.Write(chunk, 0, read);
        }

        if (body.Length == 0)
        {
            return Fail(400, "Empty audio", "The request has no body; send a WAV recording of one spoken command (16 kHz mono 16-bit PCM is best).");
        }

        var (audio, problem) = WavDecoder.Decode(body.GetBuffer().AsSpan(0, (int)body.Length), options.MaxDurationSeconds);
        if (problem is not null)
        {
            return Fail(problem.Status, problem.Title, problem.Detail);
        }

        return audio!.DurationSeconds < MinSeconds
            ? Fail(400, "Audio too short", $"The recording lasts {audio.DurationSeconds * 1000:0} ms; record the whole command (at least {MinSeconds * 1000:0} ms).")
            : (audio, null);
    }

    private static (SpeechAudio?, ProblemHttpResult?) Fail(int status, string title, string detail) =>
        (null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}
