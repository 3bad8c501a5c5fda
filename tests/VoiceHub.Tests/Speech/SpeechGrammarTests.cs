using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.Tests.Speech;

/// <summary>The pieces that turn the intent grammar into a speech grammar.</summary>
public sealed class SpeechGrammarTests
{
    [Theory]
    [InlineData("VoiceHub.ApiService/Commands", "voice hub dot api service slash commands")]
    [InlineData("data/sales.csv", "data slash sales dot csv")]
    [InlineData("reports/q3.json", "reports slash q three dot json")]
    [InlineData("node-tests", "node dash tests")]
    public void Written_names_have_the_words_people_say(string written, string spoken)
    {
        Assert.Equal(spoken, string.Join(' ', SpokenForms.Of(written)));
    }

    [Theory]
    [InlineData(7, "seven")]
    [InlineData(21, "twenty one")]
    [InlineData(40, "forty")]
    [InlineData(105, "one hundred and five")]
    public void Numbers_are_said_as_the_grammar_reads_them(int n, string words)
    {
        Assert.Equal(words, string.Join(' ', NumberSpeech.Words(n)));
    }

    [Fact]
    public void Spoken_names_are_written_back_and_ordinary_words_are_left_alone()
    {
        var vocabulary = new SpokenVocabulary(
            new Dictionary<string, IEnumerable<string>> { ["path"] = ["samples/sales.csv", "workflows", "VoiceHub.Web"] },
            new Dictionary<string, string> { ["sales.csv"] = "samples/sales.csv" });

        Assert.Equal("give me data insights for samples/sales.csv", vocabulary.Restore("give me data insights for sales dot csv"));
        Assert.Equal("review VoiceHub.Web", vocabulary.Restore("review voice hub dot web"));
        Assert.Equal("list the running workflows", vocabulary.Restore("list the running workflows"));
    }

    [Fact]
    public void Automaton_is_deterministic_and_shares_common_endings()
    {
        var automaton = new WordAutomaton();
        var (start, end) = (automaton.AddState(), automaton.AddState());
        foreach (var sentence in new[] { "cancel workflow one", "cancel workflow two", "stop workflow one", "stop workflow two" })
        {
            var at = start;
            var words = sentence.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                var next = i == words.Length - 1 ? end : automaton.AddState();
                automaton.Add(at, next, words[i]);
                at = next;
            }
        }

        var (fsg, states, transitions) = automaton.ToFsg(start, end);

        // start -(cancel|stop)-> a -workflow-> b -(one|two)-> accept -null-> final
        Assert.Equal(4 + 1, states);
        Assert.Equal(2 + 1 + 2 + 1, transitions);
        Assert.DoesNotContain("TRANSITION 0 1 1.0\n", fsg);
    }

    /// <summary>
    /// What the tolerant stage forgives costs the decoder something, and the deterministic grammar keeps each sentence's
    /// cheapest cost: "please stop" pays for "please" once, "stop" alone is free, and a word on a free and a costly path is free.
    /// </summary>
    [Fact]
    public void Weighted_automaton_keeps_the_cost_of_each_sentences_cheapest_path()
    {
        var automaton = new WordAutomaton();
        var (start, framed, end) = (automaton.AddState(), automaton.AddState(), automaton.AddState());
        automaton.Add(start, framed, "please", 2);
        automaton.Add(start, framed, null);
        automaton.Add(framed, end, "stop");
        automaton.Add(start, end, "stop", 5); // a costlier way to the same sentence changes nothing

        var (fsg, states, _) = automaton.ToFsg(start, end);
        var lines = fsg.Split('\n');

        Assert.Equal(3 + 1, states);
        Assert.Contains(lines, l => l.StartsWith("TRANSITION", StringComparison.Ordinal) && l.EndsWith(" 0.135335 please", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.EndsWith(" stop", StringComparison.Ordinal)), l => Assert.Contains(" 1.0 stop", l));
    }

    /// <summary>The bench's branching cost (<c>--choice-weight</c>, off in the hub): the ways out of a state share its probability.</summary>
    [Fact]
    public void Choice_weight_shares_a_states_probability_among_its_ways_out()
    {
        var automaton = new WordAutomaton { ChoiceWeight = 1 };
        var (start, middle, end) = (automaton.AddState(), automaton.AddState(), automaton.AddState());
        automaton.Add(start, middle, "stop");
        foreach (var number in new[] { "one", "two", "three", "four" })
        {
            automaton.Add(middle, end, number);
        }

        var lines = automaton.ToFsg(start, end).Fsg.Split('\n');

        Assert.Contains(lines, l => l.EndsWith(" 1.0 stop", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.EndsWith(" two", StringComparison.Ordinal)), l => Assert.Contains(" 0.25 two", l));
    }

    [SpeechFact]
    public void Unknown_words_get_a_pronunciation_from_known_parts_or_are_reported()
    {
        var dictionary = PronunciationDictionary.Load(Path.Combine(SpeechTools.ModelPath, "cmudict-en-us.dict"));

        Assert.True(dictionary.TryPronounce("retries", out var plural));
        Assert.EndsWith(" Z", plural[0]);
        Assert.True(dictionary.TryPronounce("selftest", out _));
        Assert.True(dictionary.TryPronounce("etl", out var spelled));
        Assert.Equal("IY T IY EH L", spelled[0]);
        Assert.False(dictionary.TryPronounce("xqzwvkjhgt", out _));
    }

    [SpeechFact]
    public void Shipped_grammar_becomes_a_speech_grammar_of_the_hubs_sentences()
    {
        using var fixture = new SpeechEngineFixture();
        var grammar = fixture.Engine.Grammar!;

        Assert.True(fixture.Engine.Status.Available, fixture.Engine.Status.Reason);
        Assert.Contains("workflow", grammar.Words);
        Assert.Contains("twelve", grammar.Words);
        Assert.DoesNotContain(grammar.Words, w => w.Any(char.IsUpper));
        Assert.InRange(grammar.States, 50, 20_000);
    }

    /// <summary>
    /// Guard between the test set and the speech grammar: a sentence the grammar cannot produce can
    /// only be misheard (or give no sentence at all), whatever the decoder does.
    /// </summary>
    [SpeechFact]
    public void Every_speakable_test_sentence_is_a_sentence_of_the_speech_grammar()
    {
        using var fixture = new SpeechEngineFixture();
        var fsg = Fsg.Parse(fixture.Engine.Grammar!.Fsg);
        var yaml = Path.Combine(AppContext.BaseDirectory, "Commands", "recognition-tests.yaml");

        var missing = SpeechCorpus.InDomain(yaml, fixture.Options.MaxSpokenNumber, 10_000)
            .Select(c => c.Spoken)
            .Where(spoken => !fsg.Accepts(TextNormalizer.Words(spoken)
                .Select((w, i) => (w, i))
                .Where(x => x.i > 0 || !SpeechGrammarBuilder.Hesitations.Contains(x.w)) // a leading "um" is the decoder's filler, not a word
                .SelectMany(x => int.TryParse(x.w, System.Globalization.CultureInfo.InvariantCulture, out var n) ? NumberSpeech.Words(n) : [x.w]).ToArray()))
            .ToList();

        Assert.True(missing.Count == 0, "Not in the speech grammar:\n" + string.Join("\n", missing));
    }

    /// <summary>PocketSphinx's FSG text read back: enough to walk a deterministic grammar word by word.</summary>
    private sealed record Fsg(int Start, int Final, Dictionary<(int, string), int> Moves, Dictionary<int, List<int>> Nulls)
    {
        public static Fsg Parse(string text)
        {
            var (start, final) = (0, 0);
            var moves = new Dictionary<(int, string), int>();
            var nulls = new Dictionary<int, List<int>>();
            foreach (var parts in text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 1))
            {
                switch (parts[0])
                {
                    case "START_STATE": start = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "FINAL_STATE": final = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "TRANSITION" when parts.Length == 5: moves[(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[4])] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "TRANSITION":
                        var from = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                        (nulls.TryGetValue(from, out var list) ? list : nulls[from] = []).Add(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            return new Fsg(start, final, moves, nulls);
        }

        public bool Accepts(string[] words)
        {
            var states = Close([Start]);
            foreach (var word in words)
            {
                states = Close(states.Where(s => Moves.ContainsKey((s, word))).Select(s => Moves[(s, word)]).ToHashSet());
            }

            return states.Contains(Final);
        }

        private HashSet<int> Close(HashSet<int> states)
        {
            var stack = new Stack<int>(states);
            while (stack.TryPop(out var state))
            {
                foreach (var next in Nulls.GetValueOrDefault(state) ?? [])
                {
                    if (states.Add(next))
                    {
                        stack.Push(next);
                    }
                }
            }

            return states;
        }
    }
}
