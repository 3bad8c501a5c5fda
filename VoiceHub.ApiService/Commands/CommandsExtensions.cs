using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Commands;

/// <summary>Registers command execution: recognition, acting on the hub, and recording in threads.</summary>
public static class CommandsExtensions
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        builder.AddCommandRecognition();
        // After the exact grammar, before the model: the grammar again, with polite frames and fillers removed.
        builder.Services.AddSingleton<IRecognitionStage, TolerantStage>();
        // After the grammar (stages run in registration order): only sentences it did not match reach the model.
        builder.Services.AddSingleton<IRecognitionStage, LanguageModelStage>();
        builder.Services.AddSingleton<CommandService>();
        builder.Services.AddSingleton<IWorkflowTaskInterpreter, WorkflowTaskInterpreter>();
        builder.Services.AddSingleton<IWorkflowObserver, WorkflowOutcomeRecorder>();
        return builder;
    }

    public static WebApplication MapCommandApis(this WebApplication app)
    {
        app.MapCommandParseApi();
        app.MapCommandsApi();
        return app;
    }
}
