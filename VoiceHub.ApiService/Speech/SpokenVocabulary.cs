namespace VoiceHub.ApiService.Speech;

/// <summary>A phrase a wildcard slot may take in speech: the words said and the text they stand for.</summary>
internal sealed record SpokenPhrase(string[] Words, string Written);

/// <summary>
/// What wildcard slots ({path}, {topic}, {url}…) can be filled with when the command is spoken:
/// a grammar-constrained recogniser can only hear phrases it knows. Built from the workspace's
/// top two folder levels and the configured phrases; <see cref="Restore"/> turns the spoken words
/// of a transcript back into written names ("samples slash sales dot csv" → "samples/sales.csv").
/// </summary>
internal sealed class SpokenVocabulary
{
    private readonly Dictionary<string, List<SpokenPhrase>> _byList;
    private readonly List<SpokenPhrase> _rewrites;

    /// <param name="writtenByList">Written phrases per wildcard list name.</param>
    /// <param name="aliases">Shorter written forms of a phrase ("sales.csv" for "samples/sales.csv"), said instead of it.</param>
    public SpokenVocabulary(IReadOnlyDictionary<string, IEnumerable<string>> writtenByList, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _byList = new(StringComparer.Ordinal);
        foreach (var (list, written) in writtenByList)
        {
            var phrases = written.Distinct(StringComparer.Ordinal).ToList();
            var shortForms = (aliases ?? new Dictionary<string, string>()).Where(a => phrases.Contains(a.Value, StringComparer.Ordinal));
            _byList[list] = phrases.Select(w => new SpokenPhrase(SpokenForms.Of(w), w))
                .Concat(shortForms.Select(a => new SpokenPhrase(SpokenForms.Of(a.Key), a.Value)))
                .Where(p => p.Words.Length > 0)
                .DistinctBy(p => string.Join(' ', p.Words))
                .ToList();
        }

        // Longest first, so "voice hub dot web" wins over "voice hub".
        _rewrites = _byList.Values.SelectMany(p => p)
            // Only names said in several words ("sales dot csv"): a one-word name such as "workflows" is also an ordinary word.
            .Where(p => p.Words.Length > 1 && !string.Equals(string.Join(' ', p.Words), p.Written, StringComparison.Ordinal))
            .DistinctBy(p => string.Join(' ', p.Words))
            .OrderByDescending(p => p.Words.Length)
            .ToList();
    }

    /// <summary>Phrases for the wildcard list, e.g. <c>path</c>; empty when none are known.</summary>
    public IReadOnlyList<SpokenPhrase> For(string list) => _byList.GetValueOrDefault(list) ?? [];

    public int Count => _byList.Values.Sum(p => p.Count);

    /// <summary>Replaces spoken names in a transcript by their written form.</summary>
    public string Restore(string transcript)
    {
        var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var phrase = _rewrites.FirstOrDefault(p => StartsAt(words, i, p.Words));
            if (phrase is null)
            {
                output.Add(words[i++]);
                continue;
            }

            output.Add(phrase.Written);
            i += phrase.Words.Length;
        }

        return string.Join(' ', output);
    }

    private static bool StartsAt(string[] words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Length)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(words[at + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
