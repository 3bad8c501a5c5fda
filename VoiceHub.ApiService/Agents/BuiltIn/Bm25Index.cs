using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>A passage of a document: where it starts, the heading above it, its text.</summary>
internal sealed record Passage(string File, int Line, string? Heading, string Text);

/// <summary>
/// Okapi BM25 over passages (k1 = 1.2, b = 0.75): idf = ln(1 + (N − df + 0.5) / (df + 0.5)), so a
/// term in every passage still counts a little instead of going negative.
/// </summary>
internal sealed partial class Bm25Index
{
    public const double K1 = 1.2, B = 0.75;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its", "of", "on", "or",
        "that", "the", "to", "was", "were", "will", "with", "this", "these", "those", "what", "how", "about", "into", "do", "does",
    ];

    private readonly List<(Passage Passage, Dictionary<string, int> Terms, int Length)> _passages = [];
    private readonly Dictionary<string, int> _documentFrequency = [];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    public int Count => _passages.Count;

    public static IReadOnlyList<string> Tokenize(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 1 && !StopWords.Contains(w)).ToList();

    public void Add(Passage passage)
    {
        // The heading is part of what a passage is about.
        var tokens = Tokenize(passage.Heading is null ? passage.Text : passage.Heading + "\n" + passage.Text);
        if (tokens.Count == 0)
        {
            return;
        }

        var terms = tokens.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var term in terms.Keys)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }

        _passages.Add((passage, terms, tokens.Count));
    }

    public IReadOnlyList<(Passage Passage, double Score)> Search(IReadOnlyList<string> query, int count)
    {
        if (_passages.Count == 0)
        {
            return [];
        }

        var n = _passages.Count;
        var averageLength = _passages.Average(p => (double)p.Length);
        var terms = query.Distinct().ToList();
        return _passages
            .Select(p => (p.Passage, Score: terms.Sum(term =>
            {
                if (!p.Terms.TryGetValue(term, out var frequency))
                {
                    return 0;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                return idf * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * p.Length / averageLength));
            })))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Passage.File, StringComparer.Ordinal).ThenBy(r => r.Passage.Line)
            .Take(count)
            .ToList();
    }
}
