namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>Decides whether a command may run: its first words must equal one allowed entry's words.</summary>
public sealed class CommandAllowList(IEnumerable<string> entries)
{
    private readonly IReadOnlyList<CommandLine> _entries = entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(CommandLine.Parse).ToList();

    public IEnumerable<string> Entries => _entries.Select(e => e.ToString());

    public void EnsureAllowed(CommandLine command)
    {
        if (!_entries.Any(entry => entry.Words.Count <= command.Words.Count && entry.Words.SequenceEqual(command.Words.Take(entry.Words.Count))))
        {
            throw new NonRetryableAgentException(
                $"Command '{command}' is not allowed. Allowed: {string.Join(", ", Entries.Select(e => $"'{e}'"))} " +
                $"(setting {ProcessOptions.Section}:AllowedCommands).");
        }

        // Read-only git subcommands have options that write files or run programs; those stay out.
        if (command.Program == "git" && command.Arguments.FirstOrDefault(IsUnsafeGitOption) is { } option)
        {
            throw new NonRetryableAgentException($"Command '{command}' is not allowed: git option '{option}' can write files or run programs.");
        }
    }

    private static bool IsUnsafeGitOption(string argument) =>
        argument.StartsWith("--output", StringComparison.Ordinal) || argument.StartsWith("--ext-diff", StringComparison.Ordinal) ||
        argument.StartsWith("--exec", StringComparison.Ordinal) || argument.StartsWith("--upload-pack", StringComparison.Ordinal) ||
        argument.StartsWith("--open-files-in-pager", StringComparison.Ordinal) || argument == "-O" ||
        argument.StartsWith("--textconv", StringComparison.Ordinal);
}
