using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Speech;

/// <summary>Settings of speech recognition and synthesis (section <c>VoiceHub:Speech</c>).</summary>
public sealed class SpeechOptions : IValidatedOptions
{
    public const string Section = "VoiceHub:Speech";

    public static string SectionName => Section;

    /// <summary>PocketSphinx model folder (Debian's pocketsphinx-en-us layout).</summary>
    public string ModelPath { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>A whisper.cpp ggml model (e.g. ggml-base.en.bin); Whisper is off when unset or missing.</summary>
    public string? WhisperModelPath { get; set; }

    /// <summary>
    /// The espeak-ng program that reads replies aloud (<c>POST /api/speech/say</c>) and reads words the pronunciation
    /// dictionary lacks for the speech grammar, as a full path; unset, espeak-ng is looked up on a safe PATH entry. When the
    /// file is not there, synthesis is reported unavailable and unknown words are only spelled.
    /// </summary>
    public string? EspeakPath { get; set; }

    /// <summary>Longest utterance accepted; a command is one sentence.</summary>
    public double MaxDurationSeconds { get; set; } = 15;

    /// <summary>Largest audio body; 4 MiB holds 15 s of 48 kHz stereo 16-bit audio.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Below this confidence the grammar's sentence is not believed: the audio is rejected.</summary>
    public double RejectBelow { get; set; } = 0.35;

    /// <summary>
    /// A command that changes something (start, cancel, retry) asks to be confirmed first when speech
    /// confidence times the text recogniser's confidence is below this.
    /// </summary>
    public double ConfirmBelow { get; set; } = 0.8;

    /// <summary>Numbers up to this are in the speech grammar ("workflow forty two").</summary>
    public int MaxSpokenNumber { get; set; } = 100;

    /// <summary>Most workspace names (top two folder levels) the speech grammar knows.</summary>
    public int MaxWorkspaceNames { get; set; } = 150;

    /// <summary>Decoders kept for concurrent requests; 0 means one per processor.</summary>
    public int Decoders { get; set; }

    /// <summary>
    /// Written phrases each wildcard slot list may take when spoken, added to the workspace names
    /// ("path", "source") — e.g. <c>topic: [retries, redis]</c>.
    /// </summary>
    public Dictionary<string, List<string>> Phrases { get; set; } = new(StringComparer.Ordinal)
    {
        ["topic"] = ["retries", "redis", "rate limiting", "circuit breakers", "health checks", "output caching", "caching",
            "workflows", "templates", "agents", "metrics", "electric bikes", "vector databases", "speech"],
        ["description"] = ["managing todo lists", "returns the weather", "user accounts", "orders"],
        ["url"] = ["localhost", "example.com", "https://localhost:5001/health"],
    };

    public IEnumerable<string> Problems()
    {
        if (MaxDurationSeconds is <= 0 or > 120)
        {
            yield return $"MaxDurationSeconds must be above 0 and at most 120 (is {MaxDurationSeconds}).";
        }

        if (MaxBodyBytes < 1024)
        {
            yield return $"MaxBodyBytes must be at least 1024 (is {MaxBodyBytes}).";
        }

        if (RejectBelow is < 0 or > 1 || ConfirmBelow is < 0 or > 1)
        {
            yield return $"RejectBelow and ConfirmBelow must be between 0 and 1 (are {RejectBelow} and {ConfirmBelow}).";
        }

        if (MaxSpokenNumber is < 1 or > 999)
        {
            yield return $"MaxSpokenNumber must be 1 to 999 (is {MaxSpokenNumber}).";
        }

        if (MaxWorkspaceNames < 0 || Decoders < 0)
        {
            yield return $"MaxWorkspaceNames and Decoders must not be negative (are {MaxWorkspaceNames} and {Decoders}).";
        }

        if (EspeakPath is { Length: > 0 } espeak && !Path.IsPathFullyQualified(espeak))
        {
            yield return $"EspeakPath must be a full path to the espeak-ng program (is '{espeak}').";
        }
    }
}
