namespace VoiceHub.Tests.Commands;

/// <summary>Each template feature on a grammar small enough to see the whole of.</summary>
public sealed class GrammarSyntaxTests
{
    [Theory]
    [InlineData("run the tests", true)]
    [InlineData("start the tests", true)]
    [InlineData("kick off the tests", true)]
    [InlineData("kick the tests", false)]
    [InlineData("walk the tests", false)]
    public void Alternatives_match_any_one_option(string text, bool matches)
    {
        var grammar = InlineGrammar.WithSentences("run the tests", "(run | start | kick off) the tests");

        Assert.Equal(matches, grammar.Recognize(text) is not null);
    }

    [Theory]
    [InlineData("run tests", true)]
    [InlineData("run the tests", true)]
    [InlineData("run all tests", true)]
    [InlineData("run the all tests", false)]
    public void Optional_words_may_be_left_out(string text, bool matches)
    {
        var grammar = InlineGrammar.WithSentences("run tests", "run [the | all] tests");

        Assert.Equal(matches, grammar.Recognize(text) is not null);
    }

    [Fact]
    public void Slot_list_maps_spoken_forms_to_values_including_multi_word_forms()
    {
        var grammar = InlineGrammar.WithSentences("start code review", "start {template}", """
            lists:
              template:
                values:
                  - in: [code review, review]
                    out: code-review
                  - plain
            """);

        Assert.Equal("code-review", grammar.Recognize("start Code Review")!.Slots["template"].Value);
        Assert.Equal("Code Review", grammar.Recognize("start Code Review")!.Slots["template"].Text);
        Assert.Equal("code-review", grammar.Recognize("start review")!.Slots["template"].Value);
        Assert.Equal("code-review", grammar.Recognize("start code-review")!.Slots["template"].Value); // the value itself
        Assert.Equal("plain", grammar.Recognize("start plain")!.Slots["template"].Value);
        Assert.Null(grammar.Recognize("start code"));
    }

    [Fact]
    public void Slot_name_can_differ_from_list_name()
    {
        var grammar = InlineGrammar.WithSentences("move 1 to 2", "move {n:from} to {n:to}", """
            lists:
              n: { range: { from: 1, to: 9 } }
            """);

        var match = grammar.Recognize("move one to 2")!;

        Assert.Equal(1, match.Slots["from"].Value);
        Assert.Equal(2, match.Slots["to"].Value);
    }

    [Theory]
    [InlineData("cancel 12", 12)]
    [InlineData("cancel twelve", 12)]
    [InlineData("cancel twenty", 20)]
    [InlineData("cancel twenty one", 21)]
    [InlineData("cancel ninety-nine", -1)] // "ninetynine" is one unknown word, not a number
    [InlineData("cancel ninety nine", 99)]
    [InlineData("cancel one hundred", 100)]
    [InlineData("cancel three hundred and five", 305)]
    [InlineData("cancel 0", -1)]
    [InlineData("cancel 1001", -1)]
    [InlineData("cancel zero", -1)]
    [InlineData("cancel twelve thirteen", -1)]
    public void Number_range_accepts_digits_and_words_within_its_bounds(string text, int expected)
    {
        var grammar = InlineGrammar.WithSentences("cancel 1", "cancel {number}", """
            lists:
              number: { range: { from: 1, to: 1000 } }
            """);

        var match = grammar.Recognize(text);

        Assert.Equal(expected, match?.GetNumber("number") ?? -1);
    }

    [Theory]
    [InlineData("check https://localhost:5001/health", "https://localhost:5001/health")]
    [InlineData("check https://localhost:5001/health.", "https://localhost:5001/health")]
    [InlineData("CHECK \"data/Sales.CSV\" now", "data/Sales.CSV")]
    [InlineData("check a b  c now", "a b  c")]
    public void Wildcard_keeps_the_original_text_span(string text, string expected)
    {
        var grammar = InlineGrammar.WithSentences("check x", "check {thing} [now]", """
            lists:
              thing: { wildcard: true }
            """);

        var match = grammar.Recognize(text);

        Assert.Equal(expected, match?.Slots["thing"].Value);
    }

    [Fact]
    public void Wildcard_ends_where_the_rest_of_the_sentence_matches()
    {
        var grammar = InlineGrammar.WithSentences("research x in the docs", "research {topic} in the docs", """
            lists:
              topic: { wildcard: true }
            """);

        Assert.Equal("retries", grammar.Recognize("research retries in the docs")!.Slots["topic"].Value);
        Assert.Equal("in the docs", grammar.Recognize("research in the docs in the docs")!.Slots["topic"].Value);
        Assert.Null(grammar.Recognize("research in the docs"));
    }

    [Fact]
    public void Wildcard_pattern_limits_what_the_wildcard_accepts()
    {
        var grammar = InlineGrammar.WithSentences("check a.b", "check {url}", """
            lists:
              url: { wildcard: true, pattern: '^\S+\.\S+$' }
            """);

        Assert.NotNull(grammar.Recognize("check example.com"));
        Assert.Null(grammar.Recognize("check example"));
        Assert.Null(grammar.Recognize("check example .com"));
    }

    [Fact]
    public void Expansion_rules_expand_inline_and_may_nest()
    {
        var grammar = InlineGrammar.WithSentences("start the tests", "<go> tests", """
            expansion_rules:
              verb: "(run | start)"
              go: "<verb> [the]"
            """);

        Assert.NotNull(grammar.Recognize("start the tests"));
        Assert.NotNull(grammar.Recognize("run tests"));
        Assert.Null(grammar.Recognize("go tests"));
    }

    [Theory]
    [InlineData("please run the tests")]
    [InlineData("hey hub, run the tests please")]
    [InlineData("Could you please run the tests?")]
    public void Skip_words_are_removed_from_start_and_end(string text)
    {
        var grammar = InlineGrammar.WithSentences("run the tests", "run the tests", """
            skip_words: [please, hey hub, could you]
            """);

        var match = grammar.Recognize(text);

        Assert.NotNull(match);
        Assert.True(match.Confidence < 1.0);
    }

    [Theory]
    [InlineData("What's the STATUS?")]
    [InlineData("whats the status")]
    [InlineData("what’s the status!!")]
    [InlineData("  what's   the - status  ")]
    public void Matching_ignores_case_and_punctuation(string text)
    {
        var grammar = InlineGrammar.WithSentences("what's the status", "what's the status");

        Assert.NotNull(grammar.Recognize(text));
    }

    [Fact]
    public void Fixed_slots_come_with_the_sentence()
    {
        var grammar = InlineGrammar.Compile("""
            intents:
              Test:
                description: test
                examples: [git status]
                data:
                  - sentences: [git status]
                    slots: { template: repo-status }
            """);

        Assert.Equal("repo-status", grammar.Recognize("git status")!.Slots["template"].Value);
    }

    [Fact]
    public void MatchAll_reports_every_intent_that_matches_an_ambiguous_sentence()
    {
        var definition = new VoiceHub.ApiService.Commands.Compiler.GrammarDefinition();
        VoiceHub.ApiService.Commands.Compiler.GrammarLoader.Load(definition, "test.yaml", """
            lists:
              anything: { wildcard: true }
            intents:
              A:
                description: a
                examples: [stop it]
                data: [{ sentences: ["stop it"] }]
              B:
                description: b
                examples: [halt everything]
                data: [{ sentences: ["(halt | stop) {anything}"] }]
            """);

        var error = Assert.Throws<VoiceHub.ApiService.Commands.Compiler.GrammarException>(() => VoiceHub.ApiService.Commands.Compiler.GrammarCompiler.Compile(definition));

        Assert.Contains("'stop it' of intent A is also matched by B", error.Message);
    }

    [Fact]
    public void Long_unmatched_text_with_many_wildcards_finishes()
    {
        // Backtracking matchers take exponential time here; the NFA visits each state once per word.
        var grammar = InlineGrammar.WithSentences("a b c d e end", "{w} {w} {w} {w} {w} end", """
            lists:
              w: { wildcard: true }
            """);

        Assert.Null(grammar.Recognize(string.Join(" ", Enumerable.Repeat("word", 200))));
        Assert.NotNull(grammar.Recognize(string.Join(" ", Enumerable.Repeat("word", 200)) + " end"));
    }
}
