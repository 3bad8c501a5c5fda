using BenchmarkDotNet.Attributes;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Matching;

namespace VoiceHub.Benchmarks;

/// <summary>
/// Recognising commands with the shipped grammar: matched sentences (exact, number words,
/// wildcard) must cost about what an unmatched one does, and an unmatched one must stay in
/// microseconds even when long (no backtracking).
/// </summary>
[MemoryDiagnoser]
public class RecognitionBenchmarks
{
    private CompiledGrammar _grammar = null!;
    private IntentRecognizer _recognizer = null!;

    [Params(
        "cancel workflow 12",
        "what's the status of workflow twenty one",
        "give me data insights for data/sales.csv",
        "research retries in the docs",
        "order a pizza with extra cheese",
        "please could you run the complete integration test suite for the billing service and then email me the results")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _grammar = GrammarCompiler.Compile(GrammarLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar")));
        _recognizer = new IntentRecognizer([new GrammarStage(_grammar)], new IntentSuggester(_grammar.Intents));
    }

    /// <summary>The grammar stage alone: match, or null.</summary>
    [Benchmark(Baseline = true)]
    public RecognizedIntent? Grammar() => _grammar.Recognize(Text);

    /// <summary>What the API calls: the stage chain, plus suggestions when nothing matched.</summary>
    [Benchmark]
    public RecognitionResult Recognizer() => _recognizer.RecognizeAsync(Text).GetAwaiter().GetResult();
}
