using Microsoft.Extensions.Logging.Abstractions;
using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Synthesis;

namespace VoiceHub.Tests.Speech;

/// <summary>Words the pronunciation dictionary lacks get espeak-ng's reading beside the spelled one; number words are said in full.</summary>
public sealed class WordReadingTests
{
    [Theory]
    [InlineData("j_'a_m_@L", "Y AE M AH L")] // yaml
    [InlineData("'E_t#_@L", "EH T AH L")] // etl, as espeak-ng says it
    [InlineData("s_,i:_;_,E_s_v_'i:", "S IY EH S V IY")] // csv, spelled: the pause mark is dropped
    [InlineData("k_j_'u:_b_3_n_,i:_t_s", "K Y UW B ER N IY T S")] // kubernetes
    [InlineData("'E_n_dZ_I_n ,E_k_s", "EH N JH IH N EH K S")] // nginx: two words of a compound
    public void Espeak_phonemes_become_the_models_phones(string espeak, string cmu)
    {
        Assert.Equal(cmu, EspeakPhones.ToCmu(espeak));
    }

    [Theory]
    [InlineData("")]
    [InlineData("'_,")]
    [InlineData("j_'a_Q_@L")] // a phoneme the table does not know: nothing is guessed
    public void Unknown_or_empty_phonemes_give_no_reading(string espeak)
    {
        Assert.Null(EspeakPhones.ToCmu(espeak));
    }

    [SpeechFact]
    public void Espeak_reads_short_names_as_words()
    {
        var reader = new EspeakWordReader(new EspeakProgram([], null), NullLogger<EspeakWordReader>.Instance);

        var readings = reader.Read(["yaml", "etl", "csv"]);

        Assert.True(reader.Available);
        Assert.Equal("Y AE M AH L", readings["yaml"]);
        Assert.StartsWith("EH T", readings["etl"]);
        Assert.Equal("S IY EH S V IY", readings["csv"]);
    }

    [SpeechFact]
    public void Every_phoneme_espeak_uses_for_english_words_is_in_the_table()
    {
        // Words chosen for their sounds: every vowel of the lexical sets, r-coloured and reduced vowels, syllabic
        // consonants, flaps and glottal stops, as espeak-ng's en-us voice says them.
        string[] words =
        [
            "springtime", "additionally", "thought", "hair", "near", "poor", "cure", "fire", "hour", "boy", "choice", "measure",
            "vision", "singer", "button", "little", "rhythm", "heart", "north", "force", "start", "nurse", "letter", "water",
            "bath", "palm", "cloth", "goose", "foot", "strut", "kit", "dress", "fleece", "face", "price", "mouth", "goat",
            "square", "bottle", "mountain", "million", "onion", "usually", "judge", "church", "whale", "xylophone", "ocean",
            "realisation", "multifunctional", "happy", "sister", "about", "comma", "kubernetes", "nginx", "postgres",
        ];
        var reader = new EspeakWordReader(new EspeakProgram([], null), NullLogger<EspeakWordReader>.Instance);

        var readings = reader.Read(words);

        Assert.Equal(words.Length, readings.Count);
        Assert.Empty(readings.Where(r => r.Value is null).Select(r => r.Key));
    }

    [Theory]
    [InlineData("-w/tmp/voicehub-pwned.wav")] // an option
    [InlineData("$(touch /tmp/voicehub-pwned)")] // shell syntax
    [InlineData("yaml; rm -rf /")]
    [InlineData("yaml\nxml")] // a second line would shift every reading after it
    [InlineData("YAML")]
    [InlineData("ünïcode")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaa")] // longer than MaxWordLength
    public void Only_plain_bounded_words_are_given_to_espeak(string word)
    {
        var reader = new EspeakWordReader(new EspeakProgram([], null), NullLogger<EspeakWordReader>.Instance);

        Assert.False(EspeakWordReader.CanRead(word));
        Assert.Empty(reader.Read([word]));
        Assert.False(File.Exists("/tmp/voicehub-pwned") || File.Exists("/tmp/voicehub-pwned.wav"));
    }

    [Fact]
    public void Without_espeak_nothing_is_read()
    {
        var reader = new EspeakWordReader(new EspeakProgram([], "/nonexistent/espeak-ng"), NullLogger<EspeakWordReader>.Instance);

        Assert.False(reader.Available);
        Assert.Empty(reader.Read(["yaml"]));
    }

    [SpeechFact]
    public void A_read_word_keeps_its_spelling_and_number_words_are_said_in_full()
    {
        var dictionary = PronunciationDictionary.Load(Path.Combine(SpeechTools.ModelPath, "cmudict-en-us.dict"));
        dictionary.AddReadings(new Dictionary<string, string?> { ["yaml"] = "Y AE M AH L", ["workflow"] = "W ER K", ["qqq"] = null });
        var path = Path.GetTempFileName();
        try
        {
            dictionary.WriteSubset(["yaml", "workflow", "seventy", "twenty", "thirty", "seven"], path);
            var lines = File.ReadAllLines(path);

            Assert.Empty(dictionary.Unread(["yaml", "qqq", "workflow", "Nope"]));
            Assert.Contains("yaml W AY EY EH M EH L", lines);
            Assert.Contains("yaml(2) Y AE M AH L", lines);
            Assert.Contains("workflow W ER K F L OW", lines); // a dictionary word keeps its own reading only
            Assert.DoesNotContain(lines, l => l.StartsWith("workflow(2)", StringComparison.Ordinal));
            Assert.Contains("seventy S EH V AH N T IY", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("seventy(2)", StringComparison.Ordinal) || l.StartsWith("twenty(2)", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("thirty(2)", StringComparison.Ordinal)); // as long as the first: kept
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SpeechTheory]
    [InlineData("sleep 30", "a program that never answers is stopped at the time limit")]
    [InlineData("printf \"j_'a_m_@L\\n\"", "one line for two words: no reading is trusted")]
    [InlineData("exit 3", "a failing program")]
    public void A_misbehaving_espeak_gives_no_readings_and_does_not_hang(string script, string because)
    {
        var folder = Directory.CreateTempSubdirectory("voicehub-fake-espeak-").FullName;
        try
        {
            var program = Path.Combine(folder, "espeak-ng");
            File.WriteAllText(program, $"#!/bin/sh\ncat > /dev/null\n{script}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var reader = new EspeakWordReader(new EspeakProgram([], program), NullLogger<EspeakWordReader>.Instance) { Limit = TimeSpan.FromSeconds(1) };

            Assert.True(reader.Available, because);
            Assert.Empty(reader.Read(["yaml", "etl"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
