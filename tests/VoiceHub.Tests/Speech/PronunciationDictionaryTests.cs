using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.Tests.Speech;

/// <summary>
/// The pronunciation dictionary's file is parsed once per process (a test process hosts hundreds of APIs),
/// but what one dictionary learns stays its own, and a changed file is read again.
/// </summary>
public sealed class PronunciationDictionaryTests
{
    [SpeechFact]
    public void Readings_learnt_by_one_dictionary_do_not_reach_another_of_the_same_file()
    {
        var path = Path.Combine(SpeechTools.ModelPath, "cmudict-en-us.dict");
        var first = PronunciationDictionary.Load(path);
        var second = PronunciationDictionary.Load(path);

        first.AddReadings(new Dictionary<string, string?> { ["yaml"] = "Y AE M AH L" });

        Assert.True(first.TryPronounce("yaml", out var learnt));
        Assert.Contains("Y AE M AH L", learnt);
        Assert.True(second.TryPronounce("yaml", out var spelled));
        Assert.DoesNotContain("Y AE M AH L", spelled);
        Assert.Equal(first.Count, second.Count);
    }

    [Fact]
    public void A_dictionary_file_that_changed_is_read_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"voicehub-dict-{Guid.NewGuid():N}.dict");
        try
        {
            File.WriteAllLines(path, ["hub HH AH B", "run R AH N"]);
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var before = PronunciationDictionary.Load(path);
            File.WriteAllLines(path, ["hub HH AH B", "run R AH N", "yaml Y AE M AH L"]);
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

            var after = PronunciationDictionary.Load(path);

            Assert.False(before.Contains("yaml"));
            Assert.True(after.Contains("yaml"));
            Assert.Equal(["AE", "AH", "B", "HH", "L", "M", "N", "R", "Y"], after.Phones);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_dictionary_file_is_an_io_error_the_engine_reports()
    {
        Assert.ThrowsAny<IOException>(() => PronunciationDictionary.Load(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.dict")));
    }
}
