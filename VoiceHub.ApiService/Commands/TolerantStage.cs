using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.ApiService.Commands;

/// <summary>
/// Third recognition stage, after the exact grammar and before a language model: forgives the
/// way people wrap a command — polite frames ("I'd like to …", "could you please …", "… for me"),
/// filler words ("um", "just") and a few adjectives before a known name ("a full code review",
/// "a quick test run"). It removes only words from closed lists, then asks the grammar again; a
/// wish for a thing ("I'd like a code review of src") is also tried as a request to run it. The
/// match must still be one intent only (no over-match), and it costs confidence for every word
/// removed, so a spoken command matched this way is more often confirmed than acted on.
/// </summary>
internal sealed class TolerantStage(CompiledGrammar grammar) : IRecognitionStage
{
    public const string StageName = "tolerant";

    /// <summary>Never as sure as a word-for-word match.</summary>
    public const double MaxConfidence = 0.9;

    /// <summary>Confidence lost per word removed.</summary>
    public const double PenaltyPerWord = 0.05;

    public string Name => StageName;

    public ValueTask<RecognizedIntent?> RecognizeAsync(string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Recognize(text));

    internal RecognizedIntent? Recognize(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(raw => (Raw: raw, Word: TextNormalizer.Normalize(raw)))
            .Where(w => w.Word.Length > 0)
            .ToList();
        var (kept, removed, wish) = TolerantWords.Strip(words);
        if (removed == 0 || kept.Count == 0)
        {
            return null; // the grammar stage has already said no to these exact words
        }

        var rest = string.Join(' ', kept.Select(w => w.Raw));
        var match = Unique(rest) ?? (wish ? Unique("run " + rest) : null);
        return match is null ? null : match with
        {
            Stage = StageName,
            Confidence = Math.Round(Math.Clamp(Math.Min(match.Confidence, MaxConfidence) - PenaltyPerWord * removed, 0.1, MaxConfidence), 2),
        };
    }

    /// <summary>The best match when every matching sentence belongs to one intent; null when none or several intents match.</summary>
    private RecognizedIntent? Unique(string text)
    {
        var all = grammar.MatchAll(text);
        return all.Count > 0 && all.All(m => m.Intent == all[0].Intent) ? all[0] : null;
    }
}
