namespace VoiceHub.ApiService.Commands;

/// <summary>Registers the intent recogniser: the grammar compiled once, then the stage chain.</summary>
public static class CommandRecognitionExtensions
{
    /// <summary>Folder of the grammar's <c>*.yaml</c> files; defaults to the copy shipped beside the API.</summary>
    public const string GrammarPathKey = "VoiceHub:Commands:GrammarPath";

    /// <summary>
    /// Compiles the grammar now, not on first use, so a broken grammar file stops start-up with
    /// a <see cref="GrammarException"/> naming file and line instead of failing the first command.
    /// </summary>
    public static IHostApplicationBuilder AddCommandRecognition(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration[GrammarPathKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        var grammar = GrammarCompiler.Compile(GrammarLoader.LoadDirectory(path));

        builder.Services.AddSingleton(grammar);
        builder.Services.AddSingleton(new IntentSuggester(grammar.Intents));
        // Stages run in registration order: the grammar first; a language model would be added after it.
        builder.Services.AddSingleton<IRecognitionStage, GrammarStage>();
        builder.Services.AddSingleton<IntentRecognizer>();
        return builder;
    }
}
