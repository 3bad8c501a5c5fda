using System.Buffers;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>A template sentence's accept state: which intent it belongs to and the slots it fixes.</summary>
internal sealed record TemplateInfo(int Intent, string Sentence, IReadOnlyDictionary<string, string> FixedSlots);

/// <summary>
/// The intent grammar compiled once at start-up: one NFA over word tokens for every sentence of
/// every intent. Matching walks all sentences at once, token by token, keeping at most one path
/// per state, so the cost grows with text length × grammar size and never exponentially — an
/// unmatched sentence costs what a matched one does. Immutable and thread-safe.
/// </summary>
internal sealed class CompiledGrammar
{
    public const string StageName = "grammar";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CompiledGrammar(
        NfaState[] states, int start, Dictionary<string, int> vocabulary, ListTrie[] tries, (int From, int To)[] ranges,
        Regex?[] patterns, string[] slotNames, TemplateInfo[] templates, IntentDescription[] intents, int[][] skipPhrases)
    {
        States = states;
        Start = start;
        Tries = tries;
        Ranges = ranges;
        Patterns = patterns;
        SlotNames = slotNames;
        Templates = templates;
        Intents = intents;
        SkipPhrases = skipPhrases;
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        NumberValueByWord = new int[vocabulary.Count];
        Array.Fill(NumberValueByWord, -1);
        foreach (var (word, value) in NumberWords.Values)
        {
            if (vocabulary.TryGetValue(word, out var id))
            {
                NumberValueByWord[id] = value;
            }
        }

        AndWord = vocabulary.GetValueOrDefault("and", -1);
    }

    public NfaState[] States { get; }

    public int Start { get; }

    public ListTrie[] Tries { get; }

    public (int From, int To)[] Ranges { get; }

    public Regex?[] Patterns { get; }

    public string[] SlotNames { get; }

    public TemplateInfo[] Templates { get; }

    public IntentDescription[] Intents { get; }

    public int[][] SkipPhrases { get; }

    public int[] NumberValueByWord { get; }

    public int AndWord { get; }

    /// <summary>The best match for the text, or null when no sentence of the grammar matches it.</summary>
    public RecognizedIntent? Recognize(string text)
    {
        RecognizedIntent? best = null;
        Match(text, match =>
        {
            // Ties keep the earlier sentence: grammar order is the priority order.
            if (best is null || match.Confidence > best.Confidence)
            {
                best = match;
            }
        });
        return best;
    }

    /// <summary>Every sentence that matches the text, best first; more than one intent here means the grammar is ambiguous.</summary>
    public IReadOnlyList<RecognizedIntent> MatchAll(string text)
    {
        var all = new List<RecognizedIntent>();
        Match(text, all.Add);
        return all.OrderByDescending(m => m.Confidence).ToArray();
    }

    private void Match(string text, Action<RecognizedIntent> onMatch)
    {
        var buffer = ArrayPool<Token>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            var count = Tokenize(text, buffer);
            var (first, end) = StripSkipWords(buffer, count);
            if (end - first == 0)
            {
                return;
            }

            var skipped = count - (end - first);
            var tokens = buffer.AsSpan(first, end - first);
            foreach (var (template, captures) in NfaRun.Run(this, text, tokens))
            {
                onMatch(ToIntent(text, tokens, skipped, template, captures));
            }
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(buffer);
        }
    }

    /// <summary>Splits on white space; a piece that is only punctuation is no word at all.</summary>
    internal int Tokenize(string text, Token[] tokens)
    {
        Span<char> normalized = stackalloc char[TextNormalizer.MaxWordLength];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var raw = text.AsSpan(start, i - start);
            if (raw.IsEmpty)
            {
                break;
            }

            var length = raw.Length <= TextNormalizer.MaxWordLength ? TextNormalizer.Normalize(raw, normalized) : -1;
            if (length == 0)
            {
                continue;
            }

            var word = length > 0 && _lookup.TryGetValue(normalized[..length], out var id) ? id : -1;
            var digits = length is > 0 and <= 9 && int.TryParse(normalized[..length], System.Globalization.NumberStyles.None, null, out var n) ? n : -1;
            tokens[count++] = new Token(start, i, word, digits);
        }

        return count;
    }

    /// <summary>
    /// Removes skip phrases ("please", "hey hub", "can you") from the start and the end only, so
    /// that a wildcard's text in the middle ("research please-retry in the docs") stays intact.
    /// </summary>
    private (int First, int End) StripSkipWords(Token[] tokens, int count)
    {
        var (first, end) = (0, count);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var phrase in SkipPhrases)
            {
                if (end - first >= phrase.Length && StartsWith(tokens, first, phrase))
                {
                    first += phrase.Length;
                    changed = true;
                }
                else if (end - first >= phrase.Length && StartsWith(tokens, end - phrase.Length, phrase))
                {
                    end -= phrase.Length;
                    changed = true;
                }
            }
        }

        return (first, end);
    }

    private static bool StartsWith(Token[] tokens, int at, int[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (tokens[at + i].WordId != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    private RecognizedIntent ToIntent(string text, ReadOnlySpan<Token> tokens, int skipped, int template, Capture? captures)
    {
        var info = Templates[template];
        var slots = new Dictionary<string, SlotValue>(StringComparer.Ordinal);
        foreach (var (name, value) in info.FixedSlots)
        {
            slots[name] = new SlotValue(value, null);
        }

        var wildcardWords = 0;
        // The list runs from the last capture back to the first; overwriting keeps the first.
        for (var capture = captures; capture is not null; capture = capture.Previous)
        {
            var span = text.AsSpan(tokens[capture.Start].Start, tokens[capture.End - 1].End - tokens[capture.Start].Start);
            if (capture.Value is null)
            {
                wildcardWords += capture.End - capture.Start;
                var value = WildcardText.Trim(span).ToString();
                slots[SlotNames[capture.Slot]] = new SlotValue(value, value);
            }
            else
            {
                slots[SlotNames[capture.Slot]] = new SlotValue(capture.Value, span.ToString());
            }
        }

        return new RecognizedIntent(Intents[info.Intent].Name, slots, Confidence(tokens.Length, wildcardWords, skipped), StageName, info.Sentence);
    }

    /// <summary>
    /// 1.0 for a sentence matched word for word. Words a wildcard took were not checked against
    /// the grammar, so they cost up to 0.5 in proportion (a wildcard that is the whole sentence
    /// but one word leaves about 0.5); each skip word removed costs 0.05 because it shows the text
    /// was not said as the grammar expects. Never below 0.1 — it still matched.
    /// </summary>
    internal static double Confidence(int words, int wildcardWords, int skippedWords)
    {
        var confidence = 1.0 - 0.5 * wildcardWords / words - 0.05 * skippedWords;
        return Math.Round(Math.Clamp(confidence, 0.1, 1.0), 2);
    }
}
