using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.Tests.Commands;

/// <summary>The stage chain and the suggestions for commands no stage understands.</summary>
public sealed class IntentRecognizerTests
{
    private static IntentRecognizer Recognizer(params IRecognitionStage[] extraStages) =>
        new([new GrammarStage(ShippedGrammar.Grammar), .. extraStages], new IntentSuggester(ShippedGrammar.Grammar.Intents));

    [Fact]
    public async Task Grammar_stage_answers_first_and_later_stages_are_not_asked()
    {
        var later = new RecordingStage("model", null);

        var result = await Recognizer(later).RecognizeAsync("cancel workflow 12");

        Assert.True(result.IsMatch);
        Assert.Equal("grammar", result.Match!.Stage);
        Assert.Empty(later.Seen);
    }

    [Fact]
    public async Task Later_stage_gets_what_the_grammar_did_not_understand()
    {
        var answer = new RecognizedIntent("Help", new Dictionary<string, SlotValue>(), 0.6, "model", "(model)");
        var later = new RecordingStage("model", answer);

        var result = await Recognizer(later).RecognizeAsync("I am lost, what now");

        Assert.Equal(["I am lost, what now"], later.Seen);
        Assert.Same(answer, result.Match);
        Assert.Equal(["grammar", "model"], Recognizer(later).StageNames);
    }

    [Fact]
    public async Task Unmatched_command_returns_the_closest_intents_as_suggestions()
    {
        var result = await Recognizer().RecognizeAsync("cancle workflow 12 now");

        Assert.False(result.IsMatch);
        var best = result.Suggestions[0];
        Assert.Equal("CancelWorkflow", best.Intent);
        Assert.Equal("cancel workflow 12", best.Examples[0]);
        Assert.InRange(best.Score, 0.01, 1.0);
        Assert.True(result.Suggestions.Count <= IntentSuggester.MaxSuggestions);
        Assert.Equal(result.Suggestions.OrderByDescending(s => s.Score), result.Suggestions);
    }

    [Theory]
    [InlineData("sales insights", "StartWorkflow")]
    [InlineData("show me the failed stuff", "ListWorkflows")]
    [InlineData("retry the thing", "RetryWorkflow")]
    public async Task Suggestions_point_at_the_intent_the_words_belong_to(string text, string intent)
    {
        var result = await Recognizer().RecognizeAsync(text);

        Assert.False(result.IsMatch);
        Assert.Equal(intent, result.Suggestions[0].Intent);
    }

    [Fact]
    public async Task Command_with_nothing_in_common_is_pointed_at_help()
    {
        var result = await Recognizer().RecognizeAsync("zzz qqq");

        Assert.Equal("Help", Assert.Single(result.Suggestions).Intent);
    }

    private sealed class RecordingStage(string name, RecognizedIntent? answer) : IRecognitionStage
    {
        public List<string> Seen { get; } = [];

        public string Name => name;

        public ValueTask<RecognizedIntent?> RecognizeAsync(string text, CancellationToken cancellationToken)
        {
            Seen.Add(text);
            return ValueTask.FromResult(answer);
        }
    }
}
