using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.Tests.Commands;

/// <summary>The grammar the API ships, compiled once for all tests (as the API does at start-up).</summary>
internal static class ShippedGrammar
{
    private static readonly Lazy<CompiledGrammar> Compiled = new(() =>
        GrammarCompiler.Compile(GrammarLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar"))));

    public static CompiledGrammar Grammar => Compiled.Value;
}
