using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.ApiService.Speech;

/// <summary>The intent grammar as a PocketSphinx finite-state grammar, with the words it uses.</summary>
/// <param name="Fsg">The grammar in PocketSphinx's FSG text format.</param>
/// <param name="Dropped">Phrases left out because a word has no pronunciation, for the capability listing.</param>
internal sealed record SpeechGrammar(string Fsg, IReadOnlyCollection<string> Words, int States, int Transitions, IReadOnlyList<string> Dropped);

/// <summary>
/// Walks the intent grammar's sentence templates (alternatives, optionals, rules, slot lists) and
/// writes every sentence they can produce as one finite-state grammar, so the decoder can only hear
/// sentences the text recogniser understands. Number ranges become number words up to
/// <c>maxNumber</c>; wildcards take the phrases of a <see cref="SpokenVocabulary"/>; skip words
/// ("please", "hey hub") may come first or last. A phrase with a word the dictionary cannot
/// pronounce is left out, never passed on (PocketSphinx would refuse the whole grammar).
/// </summary>
internal sealed class SpeechGrammarBuilder
{
    private readonly GrammarDefinition _definition;
    private readonly SpokenVocabulary _vocabulary;
    private readonly PronunciationDictionary _dictionary;
    private readonly int _maxNumber;
    private readonly WordAutomaton _automaton = new() { ChoiceWeight = ChoiceWeight };
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateNode> _rules = new(StringComparer.Ordinal);
    private bool _describing;

    private const string StartWorkflowIntent = "StartWorkflow";

    /// <summary>
    /// Hesitations are left to the decoder's filler models (noise, spoken noise) rather than made words of the grammar:
    /// as words they let it explain any short sound ("um kill eight", "now now get all ongoing jobs").
    /// </summary>
    internal static readonly HashSet<string> Hesitations = new(["um", "uh", "erm", "now"], StringComparer.Ordinal);

    /// <summary>
    /// What a word the tolerant stage forgives costs the decoder (−ln of its probability): each polite frame, wish,
    /// courtesy and adjective. Free, they let the decoder explain stray sounds with them ("start two again quickly",
    /// "lets i need my etl"); at a cost it takes them only when the audio has them. A setting for tuning runs of the bench.
    /// </summary>
    internal static double TolerantCost { get; set; } = 15;

    /// <summary>
    /// What a skip word of the intent grammar ("hey hub", "please", "thanks") costs before or after a sentence: they are
    /// the exact grammar's own, said often. A setting for tuning runs of the bench.
    /// </summary>
    internal static double SkipWordCost { get; set; } = 15;

    /// <summary>See <see cref="WordAutomaton.ChoiceWeight"/>; a setting for tuning runs of the bench.</summary>
    internal static double ChoiceWeight { get; set; }

    private SpeechGrammarBuilder(GrammarDefinition definition, SpokenVocabulary vocabulary, PronunciationDictionary dictionary, int maxNumber) =>
        (_definition, _vocabulary, _dictionary, _maxNumber) = (definition, vocabulary, dictionary, maxNumber);

    /// <summary>
    /// Builds the speech grammar. <paramref name="readUnknown"/>, when given, is shown the words the dictionary lacks
    /// before the automaton is made and answers whether it taught the dictionary new readings: a phrase left out for a
    /// word without any pronunciation may then be sayable, and the sentences are walked again (the walk is cheap; making
    /// the automaton deterministic is not, and is done once).
    /// </summary>
    public static SpeechGrammar Build(
        GrammarDefinition definition, SpokenVocabulary vocabulary, PronunciationDictionary dictionary, int maxNumber,
        Func<IReadOnlyCollection<string>, bool>? readUnknown = null)
    {
        var builder = new SpeechGrammarBuilder(definition, vocabulary, dictionary, maxNumber);
        var (start, final) = builder.Walk();
        if (readUnknown is not null && builder._unknown.Count > 0 && readUnknown(builder._unknown) && builder._dropped.Count > 0)
        {
            builder = new SpeechGrammarBuilder(definition, vocabulary, dictionary, maxNumber);
            (start, final) = builder.Walk();
        }

        var (fsg, states, transitions) = builder._automaton.ToFsg(start, final);
        return new SpeechGrammar(fsg, builder._words, states, transitions, builder._dropped.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Every sentence into the automaton, between the returned start and final states.</summary>
    private (int Start, int Final) Walk()
    {
        var (start, framed, sentenceStart, sentenceEnd, final) = (NewState(), NewState(), NewState(), NewState(), NewState());
        var skipPhrases = _definition.SkipWords.Select(s => TextNormalizer.Words(s.Phrase)).Where(p => p.Length > 0).ToList();
        var leading = skipPhrases.Concat(TolerantWords.Leading).Where(p => !(p is [var one] && Hesitations.Contains(one)))
            .DistinctBy(p => string.Join(' ', p)).ToList();
        // Before the sentence: up to two skip words or polite frames ("please could you", "ok so"), as the tolerant stage strips them.
        foreach (var (from, to) in new[] { (start, framed), (framed, sentenceStart) })
        {
            Null(from, to);
            foreach (var phrase in leading)
            {
                Chain(phrase, from, to, Cost(phrase, skipPhrases));
            }
        }

        Null(sentenceEnd, final);
        // After it only courtesies: a trailing "can you" or "will you" mostly soaked up misheard endings.
        foreach (var phrase in TolerantWords.Trailing)
        {
            Chain(phrase, sentenceEnd, final, Cost(phrase, skipPhrases));
        }

        var wished = EmitWishFrames(framed);
        foreach (var (intent, sentence) in _definition.Intents.SelectMany(i => i.Sentences.Select(s => (i.Name, s))))
        {
            var template = TemplateParser.Parse(sentence.Template);
            _describing = intent == StartWorkflowIntent;
            Emit(template, sentenceStart, sentenceEnd);
            // A wish for the thing a "run ..." sentence names ("I'd like a code review of src"), as the tolerant stage reads it.
            if (template is SequenceNode { Items.Count: > 1 } run && CanSay(run.Items[0], "run"))
            {
                Emit(new SequenceNode(run.Items.Skip(1).ToList()), wished, sentenceEnd);
            }
        }

        return (start, final);
    }

    /// <summary>A skip word of the intent grammar ("hey hub", "please") costs <see cref="SkipWordCost"/>; any other frame <see cref="TolerantCost"/>.</summary>
    private static double Cost(string[] phrase, List<string[]> skipPhrases) =>
        skipPhrases.Any(p => p.SequenceEqual(phrase, StringComparer.Ordinal)) ? SkipWordCost : TolerantCost;

    /// <summary>"i'd like", "how about", … then optionally "some": the state where the thing wished for begins.</summary>
    private int EmitWishFrames(int from)
    {
        var (framed, thing) = (NewState(), NewState());
        foreach (var phrase in TolerantWords.Wishes)
        {
            Chain(phrase, from, framed, TolerantCost);
        }

        Null(framed, thing);
        Chain(["some"], framed, thing, TolerantCost);
        return thing;
    }

    /// <summary>Whether <paramref name="node"/> can be the single word <paramref name="word"/> (itself, an alternative, a rule).</summary>
    private bool CanSay(TemplateNode node, string word) => node switch
    {
        WordNode w => w.Word == word,
        AlternativeNode a => a.Options.Any(o => CanSay(o, word)),
        SequenceNode { Items.Count: 1 } s => CanSay(s.Items[0], word),
        RuleNode r => CanSay(Rule(r.RuleName), word),
        _ => false,
    };

    private void Emit(TemplateNode node, int from, int to)
    {
        switch (node)
        {
            case WordNode { Word: "a" or "an" or "the" or "my" } article when _describing:
                // "a full code review", "the whole test suite": an adjective may follow an article before a workflow's name, as
                // the tolerant stage forgives. Only there: before "workflow 12" they let the decoder invent "the little ten".
                var described = NewState();
                Chain([article.Word], from, described);
                Null(described, to);
                foreach (var adjective in TolerantWords.Adjectives)
                {
                    Chain([adjective], described, to, TolerantCost);
                }

                break;
            case WordNode word:
                Chain([word.Word], from, to);
                break;
            case SequenceNode sequence when sequence.Items.Count == 0:
                Null(from, to);
                break;
            case SequenceNode sequence:
                var at = from;
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var next = i == sequence.Items.Count - 1 ? to : NewState();
                    Emit(sequence.Items[i], at, next);
                    at = next;
                }

                break;
            case AlternativeNode alternative:
                foreach (var option in alternative.Options)
                {
                    Emit(option, from, to);
                }

                if (alternative.Optional)
                {
                    Null(from, to);
                }

                break;
            case RuleNode rule:
                Emit(Rule(rule.RuleName), from, to);
                break;
            case SlotNode slot:
                EmitSlot(slot.ListName, from, to);
                break;
        }
    }

    private void EmitSlot(string listName, int from, int to)
    {
        switch (_definition.Lists.GetValueOrDefault(listName))
        {
            case ValueListDefinition values:
                foreach (var spoken in values.Values.SelectMany(v => v.SpokenForms))
                {
                    Chain(TextNormalizer.Words(spoken), from, to);
                }

                break;
            case RangeListDefinition range:
                for (var n = Math.Max(range.From, 0); n <= Math.Min(range.To, _maxNumber); n++)
                {
                    Chain(NumberSpeech.Words(n), from, to);
                }

                break;
            case WildcardListDefinition wildcard:
                foreach (var phrase in _vocabulary.For(wildcard.Name))
                {
                    Chain(phrase.Words, from, to);
                }

                break;
        }
    }

    private TemplateNode Rule(string name)
    {
        if (!_rules.TryGetValue(name, out var node))
        {
            _rules[name] = node = TemplateParser.Parse(_definition.Rules[name].Template);
        }

        return node;
    }

    /// <summary>Words one after another from <paramref name="from"/> to <paramref name="to"/>, the first costing <paramref name="cost"/>; nothing when one is unpronounceable.</summary>
    private void Chain(IReadOnlyList<string> words, int from, int to, double cost = 0)
    {
        _unknown.UnionWith(words.Where(w => !_dictionary.Contains(w)));
        if (words.Count == 0 || words.FirstOrDefault(w => !_dictionary.TryPronounce(w, out _)) is { } unknown)
        {
            _dropped.Add(string.Join(' ', words));
            return;
        }

        var at = from;
        for (var i = 0; i < words.Count; i++)
        {
            var next = i == words.Count - 1 ? to : NewState();
            _words.Add(words[i]);
            _automaton.Add(at, next, words[i], i == 0 ? cost : 0);
            at = next;
        }
    }

    private void Null(int from, int to) => _automaton.Add(from, to, null);

    private int NewState() => _automaton.AddState();
}
