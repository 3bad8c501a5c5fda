namespace VoiceHub.ApiService.Commands;

/// <summary>
/// Finds the intents closest to a command nobody understood, by comparing its words with each
/// intent's example sentences (Dice overlap; a word within a small edit distance counts, so
/// "cancle" still points at CancelWorkflow). Examples are pre-split once, so this stays cheap.
/// </summary>
public sealed class IntentSuggester
{
    public const int MaxSuggestions = 3;

    // Words that appear in most commands say nothing about which intent was meant.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "in", "on", "to", "me", "my", "is", "it", "please", "can", "could", "you", "i", "and", "hey", "hub",
    };

    private readonly (IntentDescription Intent, string[][] Examples)[] _intents;

    internal IntentSuggester(IEnumerable<IntentDescription> intents) =>
        _intents = intents.Select(i => (i, i.Examples.Select(Words).ToArray())).ToArray();

    public IReadOnlyList<IntentSuggestion> Suggest(string text)
    {
        var words = Words(text);
        var scored = new List<IntentSuggestion>(_intents.Length);
        foreach (var (intent, examples) in _intents)
        {
            var scores = examples.Select(example => Score(words, example)).ToArray();
            var best = scores.Max();
            if (best > 0)
            {
                // The example that looks most like what was said comes first.
                var ordered = intent.Examples.Zip(scores).OrderByDescending(p => p.Second).Select(p => p.First).ToArray();
                scored.Add(new IntentSuggestion(intent.Name, intent.Description, ordered, Math.Round(best, 2)));
            }
        }

        if (scored.Count == 0 && _intents.FirstOrDefault(i => i.Intent.Name == "Help") is { Intent: { } help })
        {
            // Nothing in common with any intent: the one thing that surely helps is asking for help.
            scored.Add(new IntentSuggestion(help.Name, help.Description, help.Examples, 0));
        }

        return scored.OrderByDescending(s => s.Score).Take(MaxSuggestions).ToArray();
    }

    internal static double Score(string[] words, string[] example)
    {
        if (words.Length == 0 || example.Length == 0)
        {
            return 0;
        }

        var matched = words.Count(word => example.Any(e => Similar(word, e)));
        return 2.0 * matched / (words.Length + example.Length);
    }

    private static bool Similar(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var allowed = Math.Min(a.Length, b.Length) switch { < 4 => 0, < 8 => 1, _ => 2 };
        return allowed > 0 && Math.Abs(a.Length - b.Length) <= allowed && EditDistance(a, b) <= allowed;
    }

    /// <summary>Levenshtein distance with one row of memory; the words are short.</summary>
    private static int EditDistance(string a, string b)
    {
        Span<int> row = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static string[] Words(string text) => TextNormalizer.Words(text).Where(w => !Filler.Contains(w)).ToArray();
}
