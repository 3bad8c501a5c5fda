namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// A slot list's spoken forms as a trie of word ids, so a list with many multi-word forms is
/// matched in one walk over the text instead of one comparison per form.
/// </summary>
internal sealed class ListTrie
{
    public const int MaxMatches = 8;

    private readonly Node _root = new();

    /// <summary>Adds a spoken form; returns the value it already had if another value claimed it first.</summary>
    public string? Add(IReadOnlyList<int> words, string value)
    {
        var node = _root;
        foreach (var word in words)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(word, out var child))
            {
                node.Children[word] = child = new Node();
            }

            node = child;
        }

        if (node.Value is not null && node.Value != value)
        {
            return node.Value;
        }

        node.Value = value;
        return null;
    }

    /// <summary>Every spoken form that starts at <paramref name="start"/>: (value, words used).</summary>
    public int Match(ReadOnlySpan<Token> tokens, int start, Span<(string Value, int Length)> results)
    {
        var count = 0;
        var node = _root;
        for (var i = start; i < tokens.Length && count < results.Length; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(tokens[i].WordId, out node))
            {
                break;
            }

            if (node.Value is not null)
            {
                results[count++] = (node.Value, i - start + 1);
            }
        }

        return count;
    }

    private sealed class Node
    {
        public Dictionary<int, Node>? Children;
        public string? Value;
    }
}
