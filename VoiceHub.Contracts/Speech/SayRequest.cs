using System.Diagnostics.CodeAnalysis;

namespace VoiceHub.Contracts.Speech;

/// <summary>Body of <c>POST /api/speech/say</c>: a reply to read aloud, answered as a WAV file.</summary>
/// <param name="Text">At most <see cref="SpeechLimits.MaxSayCharacters"/> characters.</param>
public sealed record SayRequest(string? Text)
{
    /// <summary>Whether <paramref name="text"/> can be read aloud; otherwise what is wrong with it, for a 400.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text, [NotNullWhen(false)] out string? problem)
    {
        problem = string.IsNullOrWhiteSpace(text) ? "'text' is required and must contain words, e.g. {\"text\": \"Workflow 12 has completed.\"}."
            : text.Length > SpeechLimits.MaxSayCharacters ? $"'text' is {text.Length} characters; at most {SpeechLimits.MaxSayCharacters} are read aloud."
            : null;
        return problem is null;
    }
}

/// <summary>Limits of the speech endpoints a client can check before it sends.</summary>
public static class SpeechLimits
{
    /// <summary>Longest text <c>POST /api/speech/say</c> reads aloud (a reply is one or two sentences).</summary>
    public const int MaxSayCharacters = 500;

    /// <summary>The only sample rate the browser's recorder sends: what PocketSphinx's model is trained on.</summary>
    public const int RecordingSampleRate = 16_000;
}
