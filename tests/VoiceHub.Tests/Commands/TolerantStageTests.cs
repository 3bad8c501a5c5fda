using System.Globalization;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.Tests.Commands;

/// <summary>The tolerant stage against recognition-tests.yaml: what it forgives, and what it must not.</summary>
public sealed class TolerantStageTests
{
    private static readonly TolerantStage Stage = new(ShippedGrammar.Grammar);

    [Theory]
    [MemberData(nameof(RecognitionTestSet.TolerantMatches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_with_frames_and_fillers_is_recognised_by_the_tolerant_stage_only(string sentence, string intent, string slots)
    {
        Assert.Null(ShippedGrammar.Grammar.Recognize(sentence));

        var match = Stage.Recognize(sentence);

        Assert.NotNull(match);
        Assert.Equal(intent, match.Intent);
        Assert.Equal("tolerant", match.Stage);
        Assert.Equal(slots, RecognitionTestSet.FormatSlots(
            match.Slots.Select(s => KeyValuePair.Create(s.Key, Convert.ToString(s.Value.Value, CultureInfo.InvariantCulture) ?? ""))));
        Assert.InRange(match.Confidence, 0.1, TolerantStage.MaxConfidence - TolerantStage.PenaltyPerWord);
    }

    [Theory]
    [MemberData(nameof(RecognitionTestSet.NonMatches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_outside_the_grammar_is_not_forgiven_into_a_match(string sentence)
    {
        Assert.Null(Stage.Recognize(sentence));
    }

    [Theory]
    [MemberData(nameof(RecognitionTestSet.Matches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_the_grammar_matches_is_left_to_the_grammar(string sentence, string intent, string slots)
    {
        _ = (intent, slots);
        // Nothing to remove means nothing new to try: the stage answers at once.
        if (Stage.Recognize(sentence) is { } match)
        {
            Assert.Equal(intent, match.Intent);
        }
    }

    [Fact]
    public void Each_removed_word_costs_confidence()
    {
        var one = Stage.Recognize("just cancel workflow 12")!;
        var four = Stage.Recognize("could you please cancel workflow 12 for me")!;

        Assert.Equal(TolerantStage.MaxConfidence - TolerantStage.PenaltyPerWord, one.Confidence, 2);
        Assert.True(four.Confidence < one.Confidence);
    }

    [Fact]
    public async Task Recogniser_runs_the_tolerant_stage_after_the_grammar_and_records_which_matched()
    {
        var recognizer = new IntentRecognizer(
            [new GrammarStage(ShippedGrammar.Grammar), Stage], new IntentSuggester(ShippedGrammar.Grammar.Intents));

        var exact = await recognizer.RecognizeAsync("cancel workflow 12");
        var polite = await recognizer.RecognizeAsync("I want to cancel workflow 12");

        Assert.Equal("grammar", exact.Match!.Stage);
        Assert.Equal("tolerant", polite.Match!.Stage);
        Assert.Equal(12, polite.Match.GetNumber("number"));
    }
}
