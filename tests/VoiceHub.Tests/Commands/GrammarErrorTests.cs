using VoiceHub.ApiService.Commands.Compiler;

namespace VoiceHub.Tests.Commands;

/// <summary>A bad grammar file stops start-up with file, line and reason.</summary>
public sealed class GrammarErrorTests
{
    private const string Intent = """
        intents:
          Test:
            description: test
            examples: [run it]
            data:
              - sentences:
                  - run it
        """;

    [Theory]
    [InlineData("intents:\n  Test:\n    description: a: b\n", 3, "not valid YAML")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - run it\n          - \"run (it | that\"\n", 8, "'(' is never closed with ')'")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - run it\n          - \"run it)\"\n", 8, "unexpected ')'")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - \"run (it | )\"\n", 7, "empty alternative")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - run it\n          - \"run {nothing}\"\n", 8, "unknown slot list {nothing}")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - run it\n          - \"<go> it\"\n", 8, "unknown expansion rule <go>")]
    [InlineData("expansion_rules:\n  a: \"<b>\"\n  b: \"x <a>\"\nintents:\n  Test:\n    description: d\n    examples: [run it]\n    data:\n      - sentences:\n          - run it\n          - \"<a>\"\n", 11, "refers to itself")]
    [InlineData("intents:\n  Test:\n    description: d\n    examples: [run it, walk it]\n    data:\n      - sentences:\n          - run it\n", 4, "example 'walk it' of intent Test matches none")]
    [InlineData("lists:\n  n:\n    range: { from: 5, to: 1 }\n" + "intents: {}\n", 3, "0 <= from <= to")]
    [InlineData("lists:\n  u:\n    wildcard: true\n    pattern: '(['\n", 4, "not a valid regular expression")]
    [InlineData("lists:\n  u:\n    wildcard: true\n    pattern: '(a)\\1'\n", 4, "does not support (backreferences")]
    [InlineData("intent:\n  Test: {}\n", 1, "unknown key 'intent'")]
    [InlineData("lists:\n  s:\n    values:\n      - in: [go, run]\n        out: a\n      - in: [go]\n        out: b\n", 6, "spoken form 'go' of list 's' already means 'a'")]
    public void Bad_grammar_names_file_line_and_reason(string yaml, int line, string reason)
    {
        var error = Assert.Throws<GrammarException>(() => InlineGrammar.Compile(yaml));

        Assert.Equal("test.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"Intent grammar error in 'test.yaml' at line {line}: ", error.Message);
    }

    [Fact]
    public void Duplicate_list_in_a_second_file_names_both_places()
    {
        var directory = Directory.CreateTempSubdirectory("voicehub-grammar-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.yaml"), "lists:\n  n: { range: { from: 1, to: 2 } }\n" + Intent);
            File.WriteAllText(Path.Combine(directory.FullName, "b.yaml"), "# again\nlists:\n  n: { range: { from: 1, to: 3 } }\n");

            var error = Assert.Throws<GrammarException>(() => GrammarLoader.LoadDirectory(directory.FullName));

            Assert.EndsWith("b.yaml", error.File);
            Assert.Equal(3, error.Line);
            Assert.Contains("a.yaml' line 2", error.Reason);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Intent_can_be_spread_over_several_files()
    {
        var definition = new GrammarDefinition();
        GrammarLoader.Load(definition, "a.yaml", Intent);
        GrammarLoader.Load(definition, "b.yaml", "intents:\n  Test:\n    data:\n      - sentences: [walk it]\n");

        var grammar = GrammarCompiler.Compile(definition);

        Assert.Equal("Test", grammar.Recognize("walk it")?.Intent);
    }
}
