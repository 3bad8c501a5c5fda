using System.Text;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Git results as Markdown: changed files and commits as lists, the diff stat as a table.</summary>
internal static class GitMarkdown
{
    private const int MaxRows = 50;

    public static string Status(GitStatus status)
    {
        var text = new StringBuilder($"Branch {Markdown.Code(status.Branch ?? "unknown")}");
        if (status.Upstream is not null)
        {
            text.Append($", tracking {Markdown.Code(status.Upstream)} ({status.Ahead ?? 0} ahead, {status.Behind ?? 0} behind)");
        }

        text.Append(status.Files.Count == 0 ? "; working tree clean.\n\n" : $"; {status.Files.Count} change(s):\n\n");
        foreach (var file in status.Files.Take(MaxRows))
        {
            text.Append($"- {file.Status}{(file.Staged ? " (staged)" : "")}: {Markdown.Code(file.Path)}\n");
        }

        return More(text, status.Files.Count).ToString();
    }

    public static string Log(IReadOnlyList<GitCommit> commits)
    {
        var text = new StringBuilder(commits.Count == 0 ? "No commits yet.\n" : "");
        foreach (var commit in commits)
        {
            text.Append($"- {Markdown.Code(commit.Hash[..Math.Min(7, commit.Hash.Length)])} {commit.Subject} — {commit.Author}, {commit.Date}\n");
        }

        return text.Append('\n').ToString();
    }

    public static string DiffStat(IReadOnlyList<GitDiffFile> files, int insertions, int deletions)
    {
        var text = new StringBuilder($"{files.Count} file(s) changed, {insertions} insertion(s), {deletions} deletion(s).\n\n");
        if (files.Count > 0)
        {
            Markdown.Table(text, ["File", "+", "−"], files.Take(MaxRows).Select(f => (IReadOnlyList<string>)
                [f.Path, f.Insertions?.ToString() ?? "binary", f.Deletions?.ToString() ?? "binary"]));
        }

        return More(text, files.Count).ToString();
    }

    private static StringBuilder More(StringBuilder text, int count) =>
        count > MaxRows ? text.Append($"- … and {count - MaxRows} more.\n\n") : text.Append('\n');
}
