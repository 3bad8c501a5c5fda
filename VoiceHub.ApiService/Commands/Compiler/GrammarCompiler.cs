using System.Text.RegularExpressions;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>
/// Turns a <see cref="GrammarDefinition"/> into a <see cref="CompiledGrammar"/>: parses every
/// template, inlines expansion rules, and builds one NFA whose start state branches into every
/// sentence. Then checks that each intent's examples are recognised as that intent and no other,
/// so an ambiguous grammar fails at start-up instead of surprising a user.
/// </summary>
internal sealed class GrammarCompiler
{
    private readonly GrammarDefinition _definition;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (StateKind Kind, int Index)> _lists = new(StringComparer.Ordinal);
    private readonly List<ListTrie> _tries = [];
    private readonly List<(int From, int To)> _ranges = [];
    private readonly List<Regex?> _patterns = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateNode> _rules = new(StringComparer.Ordinal);
    private readonly List<NfaState> _states = [];
    private readonly List<string> _ruleStack = [];

    private GrammarCompiler(GrammarDefinition definition) => _definition = definition;

    public static CompiledGrammar Compile(GrammarDefinition definition)
    {
        var compiler = new GrammarCompiler(definition);
        var grammar = compiler.Build();
        ExampleCheck.Verify(grammar, definition);
        return grammar;
    }

    private CompiledGrammar Build()
    {
        foreach (var word in NumberWords.Values.Keys.Append("and"))
        {
            Intern(word);
        }

        foreach (var list in _definition.Lists.Values)
        {
            AddList(list);
        }

        foreach (var (name, (template, location)) in _definition.Rules)
        {
            _rules[name] = Parse(template, location, $"expansion rule <{name}>");
        }

        var templates = new List<TemplateInfo>();
        var entries = new List<int>();
        var intents = new List<IntentDescription>();
        foreach (var intent in _definition.Intents)
        {
            var usedSlots = new List<string>();
            foreach (var sentence in intent.Sentences)
            {
                var node = Parse(sentence.Template, sentence.Location, "sentence");
                var accept = Add(new NfaState(StateKind.Accept, templates.Count, -1, -1));
                templates.Add(new TemplateInfo(intents.Count, sentence.Template, sentence.FixedSlots));
                entries.Add(Compile(node, accept, sentence.Location, usedSlots));
            }

            intents.Add(Describe(intent, usedSlots));
        }

        var start = Add(new NfaState(StateKind.Split, 0, -1, -1, [.. entries]));
        var skipPhrases = _definition.SkipWords
            .Select(s => TextNormalizer.Words(s.Phrase).Select(Intern).ToArray())
            .Where(p => p.Length > 0)
            .OrderByDescending(p => p.Length) // "hey hub" before "hey"
            .ToArray();
        var slotNames = _slots.OrderBy(s => s.Value).Select(s => s.Key).ToArray();
        return new CompiledGrammar([.. _states], start, _vocabulary, [.. _tries], [.. _ranges], [.. _patterns], slotNames,
            [.. templates], [.. intents], skipPhrases);
    }

    private void AddList(SlotListDefinition list)
    {
        switch (list)
        {
            case ValueListDefinition values:
                var trie = new ListTrie();
                foreach (var value in values.Values)
                {
                    foreach (var spoken in value.SpokenForms)
                    {
                        var words = TextNormalizer.Words(spoken).Select(Intern).ToArray();
                        if (words.Length == 0)
                        {
                            throw value.Location.Error($"spoken form '{spoken}' of list '{list.Name}' has no words");
                        }

                        if (trie.Add(words, value.Value) is { } other)
                        {
                            throw value.Location.Error($"spoken form '{spoken}' of list '{list.Name}' already means '{other}'");
                        }
                    }

                    // The value itself ("code-review") is also understood, unless a spoken form claims it.
                    if (TextNormalizer.Words(value.Value).Select(Intern).ToArray() is { Length: > 0 } valueWords)
                    {
                        trie.Add(valueWords, value.Value);
                    }
                }

                _lists[list.Name] = (StateKind.List, _tries.Count);
                _tries.Add(trie);
                break;
            case RangeListDefinition range:
                _lists[list.Name] = (StateKind.Number, _ranges.Count);
                _ranges.Add((range.From, range.To));
                break;
            case WildcardListDefinition wildcard:
                _lists[list.Name] = (StateKind.WildcardLoop, _patterns.Count);
                _patterns.Add(wildcard.Pattern);
                break;
        }
    }

    /// <summary>Compiles <paramref name="node"/> followed by state <paramref name="next"/>; returns the entry state.</summary>
    private int Compile(TemplateNode node, int next, SourceLocation location, List<string> usedSlots)
    {
        switch (node)
        {
            case WordNode word:
                return Add(new NfaState(StateKind.Word, Intern(word.Word), -1, next));
            case SequenceNode sequence:
                for (var i = sequence.Items.Count - 1; i >= 0; i--)
                {
                    next = Compile(sequence.Items[i], next, location, usedSlots);
                }

                return next;
            case AlternativeNode alternative:
                // Options first, then "leave it out": an optional word is taken when it is there.
                var entries = alternative.Options.Select(o => Compile(o, next, location, usedSlots)).ToList();
                if (alternative.Optional)
                {
                    entries.Add(next);
                }

                return Add(new NfaState(StateKind.Split, 0, -1, -1, [.. entries]));
            case SlotNode slot:
                if (!_lists.TryGetValue(slot.ListName, out var list))
                {
                    throw location.Error($"unknown slot list {{{slot.ListName}}}; defined lists: {string.Join(", ", _lists.Keys.Order())}");
                }

                if (!usedSlots.Contains(slot.SlotName))
                {
                    usedSlots.Add(slot.SlotName);
                }

                var slotIndex = SlotIndex(slot.SlotName);
                if (list.Kind != StateKind.WildcardLoop)
                {
                    return Add(new NfaState(list.Kind, list.Index, slotIndex, next));
                }

                var loop = Add(new NfaState(StateKind.WildcardLoop, list.Index, slotIndex, next));
                return Add(new NfaState(StateKind.WildcardBegin, list.Index, slotIndex, loop));
            case RuleNode rule:
                if (!_rules.TryGetValue(rule.RuleName, out var body))
                {
                    throw location.Error($"unknown expansion rule <{rule.RuleName}>; defined rules: {string.Join(", ", _rules.Keys.Order())}");
                }

                if (_ruleStack.Contains(rule.RuleName))
                {
                    throw location.Error($"expansion rule <{rule.RuleName}> refers to itself (through {string.Join(" -> ", _ruleStack.Append(rule.RuleName))})");
                }

                _ruleStack.Add(rule.RuleName);
                var entry = Compile(body, next, location, usedSlots);
                _ruleStack.RemoveAt(_ruleStack.Count - 1);
                return entry;
            default:
                throw new InvalidOperationException($"Unknown template node {node.GetType().Name}.");
        }
    }

    private IntentDescription Describe(IntentDefinition intent, List<string> usedSlots)
    {
        if (intent.Description is null)
        {
            throw intent.Location.Error($"intent {intent.Name} needs a 'description' (it is shown to users in suggestions)");
        }

        if (intent.Examples.Count == 0 || intent.Sentences.Count == 0)
        {
            throw intent.Location.Error($"intent {intent.Name} needs 'data' with sentences and at least one of 'examples'");
        }

        var slots = usedSlots.Union(intent.Sentences.SelectMany(s => s.FixedSlots.Keys)).Select(name =>
        {
            var fixedValues = intent.Sentences.SelectMany(s => s.FixedSlots).Where(f => f.Key == name).Select(f => f.Value);
            return _definition.Lists.GetValueOrDefault(name) switch
            {
                RangeListDefinition => new IntentSlotDescription(name, "number", null),
                WildcardListDefinition => new IntentSlotDescription(name, "text", null),
                ValueListDefinition values => new IntentSlotDescription(name, "list", values.Values.Select(v => v.Value).Union(fixedValues).ToArray()),
                _ => new IntentSlotDescription(name, "list", fixedValues.Distinct().ToArray()),
            };
        });
        return new IntentDescription(intent.Name, intent.Description, intent.Examples.Select(e => e.Text).ToArray(), slots.ToArray());
    }

    private static TemplateNode Parse(string template, SourceLocation location, string what)
    {
        try
        {
            return TemplateParser.Parse(template);
        }
        catch (FormatException e)
        {
            throw location.Error($"{what} '{template}' is not a valid template: {e.Message}");
        }
    }

    private int Intern(string word)
    {
        if (!_vocabulary.TryGetValue(word, out var id))
        {
            _vocabulary[word] = id = _vocabulary.Count;
        }

        return id;
    }

    private int SlotIndex(string name)
    {
        if (!_slots.TryGetValue(name, out var index))
        {
            _slots[name] = index = _slots.Count;
        }

        return index;
    }

    private int Add(NfaState state)
    {
        _states.Add(state);
        return _states.Count - 1;
    }
}
