namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>What built-in agents may run (section <c>VoiceHub:Agents</c>).</summary>
public sealed class ProcessOptions
{
    public const string Section = "VoiceHub:Agents";

    /// <summary>Used when <see cref="AllowedCommands"/> is empty: test runners and read-only git.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedCommands =
    [
        "dotnet test", "pytest", "npm test", "node --test", "go test",
        "git status", "git log", "git diff", "git rev-parse", "git branch",
    ];

    /// <summary>
    /// Command prefixes that may run, e.g. "dotnet test": a command is allowed when its first words
    /// equal one entry's words. Setting any entry replaces the whole default list (configuration
    /// binding would otherwise append to it).
    /// </summary>
    public List<string> AllowedCommands { get; set; } = [];

    /// <summary>Longest a command may run before it is killed with its child processes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Characters of output kept (the start and, mostly, the end, where summaries are).</summary>
    public int MaxOutputCharacters { get; set; } = 256 * 1024;

    public IReadOnlyList<string> EffectiveAllowedCommands => AllowedCommands.Count > 0 ? AllowedCommands : DefaultAllowedCommands;
}
