using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Reads a workspace repository through read-only git subcommands run by the process runner:
/// working-tree status, recent commits, and the stat of uncommitted changes.
/// </summary>
public sealed class GitAgent(WorkspaceFolder workspace, ProcessRunner runner) : IAgent
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    public string Name => "git";

    public string Description => "Reads a git repository in the workspace: status, log and diff stat (read-only commands only).";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("status", "Branch, ahead/behind its upstream, and changed files by status under `path`."),
        new("log", "The last `count` commits (default 10, at most 200) touching `path`: hash, author, date, subject."),
        new("diffstat", "Files, insertions and deletions of uncommitted changes (staged and not) under `path`."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        var full = workspace.Resolve(invocation.Optional("path"));
        var folder = Directory.Exists(full) ? full
            : File.Exists(full) ? Path.GetDirectoryName(full)!
            : throw new NonRetryableAgentException($"'{invocation.Optional("path")}' does not exist in the workspace.");
        var pathspec = File.Exists(full) ? Path.GetFileName(full) : ".";
        var top = await RepositoryTopAsync(folder, cancellationToken);

        return invocation.Action.ToLowerInvariant() switch
        {
            "status" => await StatusAsync(folder, pathspec, top, cancellationToken),
            "log" => await LogAsync(folder, pathspec, invocation.Int("count", 10, 1, 200), cancellationToken),
            "diffstat" => await DiffStatAsync(folder, pathspec, top, cancellationToken),
            _ => throw this.UnknownAction(invocation),
        };
    }

    /// <summary>The top folder of the repository holding <paramref name="folder"/>; git prints paths relative to it.</summary>
    private async Task<string> RepositoryTopAsync(string folder, CancellationToken cancellationToken)
    {
        var check = await GitAsync(folder, cancellationToken, "rev-parse", "--is-inside-work-tree", "--show-toplevel");
        var lines = check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (check.ExitCode != 0 || lines is not ["true", var top])
        {
            throw new NonRetryableAgentException(
                $"'{workspace.Relative(folder)}' is not inside a git repository within the workspace: {check.Output.Trim()}");
        }

        return top;
    }

    /// <summary>Whether a path git printed (relative to the repository's top) is a protected part of the workspace.</summary>
    private bool IsProtected(string top, string gitPath) =>
        workspace.IsProtected(workspace.Relative(Path.Combine(top, gitPath)));

    private async Task<AgentResult> StatusAsync(string folder, string pathspec, string top, CancellationToken cancellationToken)
    {
        var result = Checked(await GitAsync(folder, cancellationToken, "status", "--porcelain=v2", "--branch", "--", pathspec), "status");
        var everything = GitOutputParser.ParseStatus(result.Output);
        // Protected files (secrets, local data) are counted, never named.
        var status = everything with { Files = [.. everything.Files.Where(f => !IsProtected(top, f.Path))] };
        var unlisted = everything.Files.Count - status.Files.Count;
        var byStatus = status.Files.GroupBy(f => f.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var output = new JsonObject
        {
            ["path"] = workspace.Relative(folder),
            ["branch"] = status.Branch,
            ["upstream"] = status.Upstream,
            ["ahead"] = status.Ahead,
            ["behind"] = status.Behind,
            ["clean"] = everything.Files.Count == 0,
            ["protectedNotListed"] = unlisted,
            ["counts"] = new JsonObject(byStatus.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            ["files"] = new JsonArray(status.Files.Take(500).Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path, ["status"] = f.Status, ["staged"] = f.Staged,
            }).ToArray()),
        };
        output["markdown"] = GitMarkdown.Status(status) + (unlisted > 0 ? $"\n{unlisted} change(s) to protected files are not listed.\n" : "");
        var tracking = status.Ahead is { } a && status.Behind is { } b ? $", {a} ahead and {b} behind {status.Upstream}" : "";
        var changes = byStatus.Select(g => $"{g.Count()} {g.Key}").Concat(unlisted > 0 ? [$"{unlisted} protected (not listed)"] : []).ToList();
        var summary = changes.Count == 0
            ? $"On {status.Branch}{tracking}; working tree clean."
            : $"On {status.Branch}{tracking}; {string.Join(", ", changes)}.";
        return new AgentResult(output, summary);
    }

    private async Task<AgentResult> LogAsync(string folder, string pathspec, int count, CancellationToken cancellationToken)
    {
        // --full-history: without it a pathspec hides merge commits (history simplification), so the newest commit could be missing.
        var result = await GitAsync(folder, cancellationToken, "log", $"--max-count={count}", "--full-history", $"--pretty=format:{GitOutputParser.LogFormat}", "--", pathspec);
        // A repository without commits answers with an error; for a log that is simply empty.
        var commits = result.ExitCode != 0 && result.Output.Contains("does not have any commits", StringComparison.Ordinal)
            ? []
            : GitOutputParser.ParseLog(Checked(result, "log").Output);
        var output = new JsonObject
        {
            ["path"] = workspace.Relative(folder),
            ["count"] = commits.Count,
            ["commits"] = new JsonArray(commits.Select(c => (JsonNode)new JsonObject
            {
                ["hash"] = c.Hash, ["shortHash"] = c.Hash[..Math.Min(7, c.Hash.Length)], ["author"] = c.Author, ["email"] = c.Email,
                ["date"] = c.Date, ["subject"] = c.Subject,
            }).ToArray()),
        };
        output["markdown"] = GitMarkdown.Log(commits);
        var summary = commits.Count == 0 ? "No commits yet." : $"{commits.Count} commit(s); latest: {commits[0].Subject} ({commits[0].Author}).";
        return new AgentResult(output, summary);
    }

    private async Task<AgentResult> DiffStatAsync(string folder, string pathspec, string top, CancellationToken cancellationToken)
    {
        // Against HEAD covers staged and unstaged changes; before the first commit only the index exists.
        var hasHead = (await GitAsync(folder, cancellationToken, "rev-parse", "--verify", "--quiet", "HEAD")).ExitCode == 0;
        var result = Checked(hasHead
            ? await GitAsync(folder, cancellationToken, "diff", "--no-ext-diff", "--no-textconv", "--numstat", "HEAD", "--", pathspec)
            : await GitAsync(folder, cancellationToken, "diff", "--no-ext-diff", "--no-textconv", "--numstat", "--cached", "--", pathspec), "diff");
        var files = GitOutputParser.ParseNumstat(result.Output).Where(f => !IsProtected(top, f.Path)).ToList();
        var insertions = files.Sum(f => f.Insertions ?? 0);
        var deletions = files.Sum(f => f.Deletions ?? 0);
        var output = new JsonObject
        {
            ["path"] = workspace.Relative(folder),
            ["filesChanged"] = files.Count,
            ["insertions"] = insertions,
            ["deletions"] = deletions,
            ["files"] = new JsonArray(files.Take(500).Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path, ["insertions"] = f.Insertions, ["deletions"] = f.Deletions, ["binary"] = f.Insertions is null,
            }).ToArray()),
        };
        output["markdown"] = GitMarkdown.DiffStat(files, insertions, deletions);
        var summary = files.Count == 0 ? "No uncommitted changes." : $"{files.Count} file(s) changed, {insertions} insertion(s), {deletions} deletion(s).";
        return new AgentResult(output, summary);
    }

    private Task<ProcessOutcome> GitAsync(string folder, CancellationToken cancellationToken, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            // Git must not look for a repository above the workspace: nothing outside is read.
            ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(workspace.Root) ?? workspace.Root,
            ["GIT_OPTIONAL_LOCKS"] = "0",
            // A path is a path: no ':(top)' or glob magic that could widen what git reads.
            ["GIT_LITERAL_PATHSPECS"] = "1",
            // Only the repository's own config: no system or user config naming programs to run.
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null",
            // Paths as they are, not octal-escaped.
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = "core.quotepath",
            ["GIT_CONFIG_VALUE_0"] = "off",
            // A repository's own config could name a program to run on status (fsmonitor); not here.
            ["GIT_CONFIG_KEY_1"] = "core.fsmonitor",
            ["GIT_CONFIG_VALUE_1"] = "false",
            ["LC_ALL"] = "C",
        };
        return runner.RunAsync(new CommandLine(["git", .. arguments]), folder, cancellationToken, environment, GitTimeout);
    }

    private static ProcessOutcome Checked(ProcessOutcome outcome, string subcommand) =>
        outcome.ExitCode == 0
            ? outcome
            : throw new NonRetryableAgentException($"git {subcommand} failed (exit code {outcome.ExitCode}): {outcome.Output.Trim()}");
}
