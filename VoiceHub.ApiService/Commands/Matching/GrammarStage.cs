namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>The first recognition stage: the compiled sentence-template grammar. Synchronous and allocation-light.</summary>
internal sealed class GrammarStage(CompiledGrammar grammar) : IRecognitionStage
{
    public string Name => CompiledGrammar.StageName;

    public ValueTask<RecognizedIntent?> RecognizeAsync(string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(grammar.Recognize(text));
}
