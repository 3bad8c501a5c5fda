using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.Tests.Commands;

/// <summary>Compiles a small grammar written inside a test, as if it were the file <c>test.yaml</c>.</summary>
internal static class InlineGrammar
{
    public static CompiledGrammar Compile(string yaml)
    {
        var definition = new GrammarDefinition();
        GrammarLoader.Load(definition, "test.yaml", yaml);
        return GrammarCompiler.Compile(definition);
    }

    /// <summary>One intent <c>Test</c> with the given sentences (its first sentence doubles as example) plus extra YAML.</summary>
    public static CompiledGrammar WithSentences(string example, string sentences, string extra = "") => Compile($"""
        {extra}
        intents:
          Test:
            description: test intent
            examples: ["{example}"]
            data:
              - sentences:
        {string.Join("\n", sentences.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => $"          - \"{s.Trim()}\""))}
        """);
}
