using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Intents;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Commands;

/// <summary>Registers commands: the grammar and recognition stages, the intent handlers, and recording in threads.</summary>
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
        builder.Services.AddSingleton<IntentHandlers>();
        builder.Services.AddSingleton<IIntentHandler, StartWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, WorkflowStatusIntent>();
        builder.Services.AddSingleton<IIntentHandler, ListWorkflowsIntent>();
        builder.Services.AddSingleton<IIntentHandler, CancelWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, RetryWorkflowIntent>();
        builder.Services.AddSingleton<IIntentHandler, HelpIntent>();
        builder.Services.AddSingleton<IIntentHandler, CreateScheduleIntent>();
        builder.Services.AddSingleton<IIntentHandler, ListSchedulesIntent>();
        builder.Services.AddSingleton<IIntentHandler, PauseScheduleIntent>();
        builder.Services.AddSingleton<IIntentHandler, ResumeScheduleIntent>();
        builder.Services.AddSingleton<IIntentHandler, DeleteScheduleIntent>();
        // Built at start, so a grammar intent without a handler stops the API instead of answering 422 later.
        builder.Services.AddOptions<IntentHandlerCheck>().Configure<IntentHandlers>((_, _) => { }).ValidateOnStart();
        builder.Services.AddSingleton<IWorkflowTaskInterpreter, WorkflowTaskInterpreter>();
        builder.Services.AddSingleton<IWorkflowObserver, WorkflowOutcomeRecorder>();
        return builder;
    }

    public static WebApplication MapCommandsApi(this WebApplication app)
    {
        app.MapCommandParseEndpoints();
        app.MapCommandEndpoints();
        return app;
    }

    /// <summary>Folder of the grammar's <c>*.yaml</c> files; defaults to the copy shipped beside the API.</summary>
    public const string GrammarPathKey = "VoiceHub:Commands:GrammarPath";

    /// <summary>
    /// Compiles the grammar now, not on first use, so a broken grammar file stops start-up with
    /// a <see cref="GrammarException"/> naming file and line instead of failing the first command.
    /// </summary>
    private static IHostApplicationBuilder AddCommandRecognition(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration[GrammarPathKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        var grammar = GrammarCompiler.Compile(GrammarLoader.LoadDirectory(path));

        builder.Services.AddSingleton(grammar);
        builder.Services.AddSingleton(new IntentSuggester(grammar.Intents));
        // Stages run in registration order: the grammar first, then the language model (AddCommands).
        builder.Services.AddSingleton<IRecognitionStage, GrammarStage>();
        builder.Services.AddSingleton<IntentRecognizer>();
        return builder;
    }
}

/// <summary>Marker whose options validation builds <see cref="IntentHandlers"/> at start-up.</summary>
internal sealed class IntentHandlerCheck;
