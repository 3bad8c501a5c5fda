using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace VoiceHub.Tests.Commands;

/// <summary>recognition-tests.yaml as xunit theory data: one test row per sentence.</summary>
public static class RecognitionTestSet
{
    private static readonly Lazy<TestSet> Set = new(Load);

    /// <summary>Sentence, intent, and the expected slots as "name=value" lines in name order: the grammar stage's cases.</summary>
    public static TheoryData<string, string, string> Matches => For("grammar");

    /// <summary>Cases only the tolerant stage may match (the grammar must not).</summary>
    public static TheoryData<string, string, string> TolerantMatches => For("tolerant");

    private static TheoryData<string, string, string> For(string stage)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var test in Set.Value.Match.Where(m => m.Stage == stage))
        {
            data.Add(test.Sentence, test.Intent, FormatSlots(test.Slots));
        }

        return data;
    }

    public static TheoryData<string> NonMatches => new(Set.Value.NoMatch);

    public static IEnumerable<string> AllMatchSentences => Set.Value.Match.Select(m => m.Sentence);

    public static string FormatSlots(IEnumerable<KeyValuePair<string, string>> slots) =>
        string.Join("\n", slots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));

    private static TestSet Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Commands", "recognition-tests.yaml");
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        return deserializer.Deserialize<TestSet>(File.ReadAllText(path));
    }

    public sealed class TestSet
    {
        public List<MatchCase> Match { get; set; } = [];

        public List<string> NoMatch { get; set; } = [];
    }

    public sealed class MatchCase
    {
        public string Sentence { get; set; } = "";

        public string Intent { get; set; } = "";

        public Dictionary<string, string> Slots { get; set; } = [];

        /// <summary>The recognition stage that must match: <c>grammar</c> (default) or <c>tolerant</c>.</summary>
        public string Stage { get; set; } = "grammar";
    }
}
