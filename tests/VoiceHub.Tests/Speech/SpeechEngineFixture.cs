using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Synthesis;

namespace VoiceHub.Tests.Speech;

/// <summary>
/// One PocketSphinx engine for a test class, built like the API builds it: the shipped grammar,
/// this repository as the workspace, and the wildcard values of recognition-tests.yaml as extra
/// spoken phrases (so "give me data insights for data/sales.csv" can be heard).
/// </summary>
public sealed class SpeechEngineFixture : IDisposable
{
    private readonly Lazy<PocketSphinxEngine> _engine;

    public SpeechEngineFixture()
    {
        Options = new SpeechOptions { ModelPath = SpeechTools.ModelPath, Decoders = 2 };
        foreach (var (list, values) in SpeechCorpus.WildcardValues(Path.Combine(AppContext.BaseDirectory, "Commands", "recognition-tests.yaml")))
        {
            Options.Phrases[list] = [.. Options.Phrases.GetValueOrDefault(list) ?? [], .. values];
        }

        _engine = new(() =>
        {
            var engine = Create(Options);
            engine.Start();
            return engine;
        });
    }

    public SpeechOptions Options { get; }

    internal PocketSphinxEngine Engine => _engine.Value;

    public SpokenClips Clips { get; } = new();

    internal static PocketSphinxEngine Create(SpeechOptions options)
    {
        var environment = new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Development };
        var vocabulary = new SpeechVocabularySource(Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new WorkspaceOptions()), environment);
        var grammarPath = Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        var reader = new EspeakWordReader(new EspeakProgram([], null), NullLogger<EspeakWordReader>.Instance);
        return new PocketSphinxEngine(Microsoft.Extensions.Options.Options.Create(options), vocabulary,
            () => GrammarLoader.LoadDirectory(grammarPath), NullLogger<PocketSphinxEngine>.Instance, reader);
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }

        Clips.Dispose();
    }
}
