namespace VoiceHub.ApiService.Commands.Matching;

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

    private readonly IntentDescription[] _intents;

    // Example words are numbered once; an example is its word numbers, so scoring compares ints.
    private readonly string[] _vocabulary;
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly int[][][] _examples;

    internal IntentSuggester(IEnumerable<IntentDescription> intents)
    {
        _intents = intents.ToArray();
        _examples = _intents.Select(i => i.Examples.Select(e => Words(e).Select(WordId).Distinct().ToArray()).ToArray()).ToArray();
        _vocabulary = _wordIds.OrderBy(w => w.Value).Select(w => w.Key).ToArray();
    }

    public IReadOnlyList<IntentSuggestion> Suggest(string text)
    {
        var words = Words(text);
        // similar[w * V + v]: said word w is close enough to example word v.
        var similar = new bool[words.Length * _vocabulary.Length];
        for (var w = 0; w < words.Length; w++)
        {
            for (var v = 0; v < _vocabulary.Length; v++)
            {
                similar[w * _vocabulary.Length + v] = Similar(words[w], _vocabulary[v]);
            }
        }

        Span<double> best = stackalloc double[_intents.Length];
        for (var i = 0; i < _intents.Length; i++)
        {
            foreach (var example in _examples[i])
            {
                best[i] = Math.Max(best[i], Score(similar, words.Length, example));
            }
        }

        var suggestions = new List<IntentSuggestion>(MaxSuggestions);
        for (var n = 0; n < MaxSuggestions; n++)
        {
            var top = -1;
            for (var i = 0; i < _intents.Length; i++)
            {
                if (best[i] > 0 && (top < 0 || best[i] > best[top]))
                {
                    top = i;
                }
            }

            if (top < 0)
            {
                break;
            }

            // The example that looks most like what was said comes first.
            var intent = _intents[top];
            var examples = intent.Examples.Zip(_examples[top]).OrderByDescending(e => Score(similar, words.Length, e.Second)).Select(e => e.First).ToArray();
            suggestions.Add(new IntentSuggestion(intent.Name, intent.Description, examples, Math.Round(best[top], 2)));
            best[top] = 0;
        }

        if (suggestions.Count == 0 && Array.Find(_intents, i => i.Name == "Help") is { } help)
        {
            // Nothing in common with any intent: the one thing that surely helps is asking for help.
            suggestions.Add(new IntentSuggestion(help.Name, help.Description, help.Examples, 0));
        }

        return suggestions;
    }

    /// <summary>Dice coefficient: 2 × words said that the example has / (words said + example words).</summary>
    private double Score(bool[] similar, int wordCount, int[] example)
    {
        if (wordCount == 0 || example.Length == 0)
        {
            return 0;
        }

        var matched = 0;
        for (var w = 0; w < wordCount; w++)
        {
            foreach (var v in example)
            {
                if (similar[w * _vocabulary.Length + v])
                {
                    matched++;
                    break;
                }
            }
        }

        return 2.0 * matched / (wordCount + example.Length);
    }

    private static bool Similar(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        // Typos rarely hit the first and last letter both; checking that first skips most distance computations.
        var allowed = Math.Min(a.Length, b.Length) switch { < 4 => 0, < 8 => 1, _ => 2 };
        return allowed > 0 && Math.Abs(a.Length - b.Length) <= allowed && (a[0] == b[0] || a[^1] == b[^1]) && EditDistance(a, b) <= allowed;
    }

    private int WordId(string word)
    {
        if (!_wordIds.TryGetValue(word, out var id))
        {
            _wordIds[word] = id = _wordIds.Count;
        }

        return id;
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
