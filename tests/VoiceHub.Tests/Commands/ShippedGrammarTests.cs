using System.Globalization;

namespace VoiceHub.Tests.Commands;

/// <summary>The shipped grammar against recognition-tests.yaml.</summary>
public sealed class ShippedGrammarTests
{
    [Theory]
    [MemberData(nameof(RecognitionTestSet.Matches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_is_recognised_with_its_slots(string sentence, string intent, string slots)
    {
        var match = ShippedGrammar.Grammar.Recognize(sentence);

        Assert.NotNull(match);
        Assert.Equal(intent, match.Intent);
        Assert.Equal("grammar", match.Stage);
        Assert.Equal(slots, RecognitionTestSet.FormatSlots(
            match.Slots.Select(s => KeyValuePair.Create(s.Key, Convert.ToString(s.Value.Value, CultureInfo.InvariantCulture) ?? ""))));
        Assert.InRange(match.Confidence, 0.1, 1.0);
    }

    [Theory]
    [MemberData(nameof(RecognitionTestSet.Matches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_is_matched_by_no_other_intent(string sentence, string intent, string slots)
    {
        _ = slots;
        var intents = ShippedGrammar.Grammar.MatchAll(sentence).Select(m => m.Intent).Distinct();

        Assert.Equal([intent], intents);
    }

    [Theory]
    [MemberData(nameof(RecognitionTestSet.NonMatches), MemberType = typeof(RecognitionTestSet))]
    public void Sentence_outside_the_grammar_is_not_matched(string sentence)
    {
        Assert.Empty(ShippedGrammar.Grammar.MatchAll(sentence));
    }

    [Fact]
    public void Examples_of_every_intent_are_recognised_as_that_intent_only()
    {
        foreach (var intent in ShippedGrammar.Grammar.Intents)
        {
            Assert.NotEmpty(intent.Examples);
            foreach (var example in intent.Examples)
            {
                Assert.Equal([intent.Name], ShippedGrammar.Grammar.MatchAll(example).Select(m => m.Intent).Distinct());
            }
        }
    }

    [Fact]
    public void Grammar_has_the_intents_other_code_relies_on()
    {
        Assert.Equal(
            ["CancelWorkflow", "CreateSchedule", "DeleteSchedule", "Help", "ListSchedules", "ListWorkflows", "PauseSchedule", "ResumeSchedule", "RetryWorkflow", "StartWorkflow", "WorkflowStatus"],
            ShippedGrammar.Grammar.Intents.Select(i => i.Name).Order());
    }

    [Fact]
    public void StartWorkflow_can_produce_every_shipped_workflow_template_id_and_no_other()
    {
        var template = ShippedGrammar.Grammar.Intents.Single(i => i.Name == "StartWorkflow").Slots.Single(s => s.Name == "template");
        var catalog = new VoiceHub.ApiService.Workflows.Templates.TemplateCatalog(
            Microsoft.Extensions.Options.Options.Create(new VoiceHub.ApiService.Workflows.WorkflowOptions()));

        Assert.Equal(catalog.All.Select(t => t.Id).Order(), template.Values!.Order());
    }

    [Fact]
    public void Exact_match_has_full_confidence_and_wildcards_and_skip_words_lower_it()
    {
        var exact = ShippedGrammar.Grammar.Recognize("cancel workflow 12")!;
        var polite = ShippedGrammar.Grammar.Recognize("please cancel workflow 12")!;
        var wildcard = ShippedGrammar.Grammar.Recognize("check https://localhost:5001/health")!;

        Assert.Equal(1.0, exact.Confidence);
        Assert.Equal(0.95, polite.Confidence);
        Assert.Equal(0.75, wildcard.Confidence);
    }

    [Fact]
    public void Slots_keep_the_words_they_came_from()
    {
        var match = ShippedGrammar.Grammar.Recognize("Cancel workflow Twenty One.")!;

        Assert.Equal(21, match.Slots["number"].Value);
        Assert.Equal("Twenty One.", match.Slots["number"].Text);
        Assert.Equal(21, match.GetNumber("number"));
    }

    [Fact]
    public void Fixed_slots_have_no_source_words()
    {
        var match = ShippedGrammar.Grammar.Recognize("review the code in src")!;

        Assert.Equal("code-review", match.Slots["template"].Value);
        Assert.Null(match.Slots["template"].Text);
        Assert.Equal("src", match.Slots["path"].Text);
        Assert.Equal("review [the] code (in | of | under | at) {path}", match.Sentence);
    }
}
