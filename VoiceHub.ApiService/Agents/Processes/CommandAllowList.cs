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

        if (command.Words.Count > 2 && command.Program == "git" && command.Words[1] == "branch" && !IsBranchListing(command.Words.Skip(2).ToList()))
        {
            throw new NonRetryableAgentException($"Command '{command}' is not allowed: only listing branches is read-only.");
        }
    }

    /// <summary>`git branch` lists with options only, or with patterns after --list; anything else creates, moves or deletes.</summary>
    private static bool IsBranchListing(IReadOnlyList<string> arguments) =>
        !arguments.Any(a => BranchWriteOptions.Contains(a) || a.StartsWith("--set-upstream-to", StringComparison.Ordinal)) &&
        (arguments.All(a => a.StartsWith('-')) || arguments.Contains("--list") || arguments.Contains("-l"));

    private static readonly HashSet<string> BranchWriteOptions =
        ["-d", "-D", "-m", "-M", "-c", "-C", "-f", "-u", "--delete", "--move", "--copy", "--force", "--unset-upstream", "--edit-description", "--track", "--no-track"];

    private static bool IsUnsafeGitOption(string argument) =>
        argument.StartsWith("--output", StringComparison.Ordinal) || argument.StartsWith("--ext-diff", StringComparison.Ordinal) ||
        argument.StartsWith("--exec", StringComparison.Ordinal) || argument.StartsWith("--upload-pack", StringComparison.Ordinal) ||
        argument.StartsWith("--open-files-in-pager", StringComparison.Ordinal) || argument == "-O" ||
        argument.StartsWith("--textconv", StringComparison.Ordinal);
}
