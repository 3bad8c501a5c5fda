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

    /// <summary>
    /// Edit distance counting a swap of two neighbours as one edit ("cancle" → "cancel"), the
    /// commonest typing slip. The caller bounds the lengths, so the table is small.
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        var width = b.Length + 1;
        Span<int> d = stackalloc int[(a.Length + 1) * width];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i * width] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1), d[(i - 1) * width + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[(i - 2) * width + j - 2] + 1);
                }

                d[i * width + j] = best;
            }
        }

        return d[a.Length * width + b.Length];
    }

    private static string[] Words(string text) => TextNormalizer.Words(text).Where(w => !Filler.Contains(w)).ToArray();
}
