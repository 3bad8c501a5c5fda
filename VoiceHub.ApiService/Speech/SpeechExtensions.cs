using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Synthesis;
using VoiceHub.ApiService.Speech.Whisper;

namespace VoiceHub.ApiService.Speech;

/// <summary>Registers speech recognition: PocketSphinx always, Whisper when a model file is configured.</summary>
public static class SpeechExtensions
{
    public static IHostApplicationBuilder AddSpeech(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SpeechOptions>();

        // The same grammar files the text recogniser compiles, read again as templates to generate the speech grammar.
        var grammarPath = builder.Configuration[CommandsExtensions.GrammarPathKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        services.AddSingleton<Func<GrammarDefinition>>(() => GrammarLoader.LoadDirectory(grammarPath));
        services.AddSingleton<SpeechVocabularySource>();
        services.AddSingleton(sp =>
        {
            var workspace = sp.GetRequiredService<WorkspaceFolder>();
            return new EspeakProgram([workspace.Root, workspace.RealRoot], sp.GetRequiredService<IOptions<SpeechOptions>>().Value.EspeakPath);
        });
        services.AddSingleton<EspeakWordReader>();
        services.AddSingleton<PocketSphinxEngine>();
        services.AddSingleton<WhisperEngine>();
        // Order is preference: the grammar-constrained engine (which rejects other speech) first.
        services.AddSingleton<ISpeechEngine>(sp => sp.GetRequiredService<PocketSphinxEngine>());
        services.AddSingleton<ISpeechEngine>(sp => sp.GetRequiredService<WhisperEngine>());
        services.AddSingleton<SpeechRecognizer>();
        services.AddSingleton<SpeechSynthesizer>();
        services.AddSingleton<IHubCapability, SpeechCapability>();
        services.AddHostedService<SpeechStartup>();
        services.AddHealthChecks().AddCheck<SpeechHealthCheck>(SpeechHealthCheck.Name, HealthStatus.Degraded);
        return builder;
    }
}
