using VoiceHub.ApiService.Commands.Intents;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Commands;

/// <summary>Registers command execution: recognition, acting on the hub, and recording in threads.</summary>
public static class CommandsExtensions
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        builder.AddCommandRecognition();
        // After the grammar (stages run in registration order): only sentences it did not match reach the model.
        builder.Services.AddSingleton<IRecognitionStage, LanguageModelStage>();
        builder.Services.AddSingleton<CommandService>();
        builder.Services.AddSingleton<IntentHandlers>();
        builder.Services.AddSingleton<IIntentHandler, StartWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, WorkflowStatusIntent>();
        builder.Services.AddSingleton<IIntentHandler, ListWorkflowsIntent>();
        builder.Services.AddSingleton<IIntentHandler, CancelWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, RetryWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, HelpIntent>();
        // Built at start, so a grammar intent without a handler stops the API instead of answering 422 later.
        builder.Services.AddOptions<IntentHandlerCheck>().Configure<IntentHandlers>((_, _) => { }).ValidateOnStart();
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

/// <summary>Marker whose options validation builds <see cref="IntentHandlers"/> at start-up.</summary>
internal sealed class IntentHandlerCheck;
