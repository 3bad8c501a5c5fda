using System.Globalization;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>A file's change in the working tree: where it is and what happened, staged or not.</summary>
internal sealed record GitFileChange(string Path, string Status, bool Staged);

/// <summary>Branch, upstream, ahead/behind and changed files from <c>git status --porcelain=v2 --branch</c>.</summary>
internal sealed record GitStatus(string? Branch, string? Upstream, int? Ahead, int? Behind, IReadOnlyList<GitFileChange> Files);

internal sealed record GitCommit(string Hash, string Author, string Email, string Date, string Subject);

internal sealed record GitDiffFile(string Path, int? Insertions, int? Deletions);

/// <summary>Parses the machine-readable forms of git's output (porcelain v2, a custom log format, numstat).</summary>
internal static class GitOutputParser
{
    public const char FieldSeparator = '\u001f', RecordSeparator = '\u001e';

    /// <summary>The --pretty format <see cref="ParseLog"/> reads.</summary>
    public const string LogFormat = "%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e";

    public static GitStatus ParseStatus(string output)
    {
        string? branch = null, upstream = null;
        int? ahead = null, behind = null;
        var files = new List<GitFileChange>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# branch.head ", StringComparison.Ordinal))
            {
                branch = line["# branch.head ".Length..].Trim();
            }
            else if (line.StartsWith("# branch.upstream ", StringComparison.Ordinal))
            {
                upstream = line["# branch.upstream ".Length..].Trim();
            }
            else if (line.StartsWith("# branch.ab ", StringComparison.Ordinal))
            {
                var parts = line["# branch.ab ".Length..].Split(' ');
                ahead = int.Parse(parts[0].TrimStart('+'), CultureInfo.InvariantCulture);
                behind = int.Parse(parts[1].TrimStart('-'), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("1 ", StringComparison.Ordinal) || line.StartsWith("2 ", StringComparison.Ordinal))
            {
                // "1 XY sub mH mI mW hH hI path"; "2 XY sub mH mI mW hH hI Xscore path\torigPath"
                var fields = line.Split(' ', line[0] == '1' ? 9 : 10);
                var path = fields[^1].Split('\t')[0];
                AddChanges(files, path, fields[1]);
            }
            else if (line.StartsWith("u ", StringComparison.Ordinal))
            {
                files.Add(new GitFileChange(line.Split(' ', 11)[^1], "conflicted", false));
            }
            else if (line.StartsWith("? ", StringComparison.Ordinal))
            {
                files.Add(new GitFileChange(line[2..], "untracked", false));
            }
        }

        return new GitStatus(branch == "(detached)" ? "(detached HEAD)" : branch, upstream, ahead, behind, files);
    }

    public static IReadOnlyList<GitCommit> ParseLog(string output) =>
        output.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Trim('\n', '\r').Split(FieldSeparator))
            .Where(f => f.Length >= 5)
            .Select(f => new GitCommit(f[0], f[1], f[2], f[3], f[4]))
            .ToList();

    /// <summary>Lines of <c>git diff --numstat</c>: "added deleted path" ("-" for binary files).</summary>
    public static IReadOnlyList<GitDiffFile> ParseNumstat(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t', 3))
            .Where(f => f.Length == 3)
            .Select(f => new GitDiffFile(f[2], Count(f[0]), Count(f[1])))
            .ToList();

    private static int? Count(string field) => int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static void AddChanges(List<GitFileChange> files, string path, string xy)
    {
        if (xy[0] != '.')
        {
            files.Add(new GitFileChange(path, Describe(xy[0]), true));
        }

        if (xy[1] != '.')
        {
            files.Add(new GitFileChange(path, Describe(xy[1]), false));
        }
    }

    private static string Describe(char code) => code switch
    {
        'M' => "modified",
        'A' => "added",
        'D' => "deleted",
        'R' => "renamed",
        'C' => "copied",
        'T' => "type changed",
        'U' => "conflicted",
        _ => "changed",
    };
}
