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
}
