namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// Finds a program by name on PATH, as an absolute path. Only fully qualified PATH entries count, and
/// never the workspace (or anything in it), the app's own folder or the current directory: a file
/// named <c>git</c> or <c>node</c> dropped there must not run in place of the real one.
/// </summary>
public sealed class ExecutableLocator(IEnumerable<string> excludedTrees, IEnumerable<string> excludedFolders)
{
    private static readonly string[] Extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat"] : [""];
    private readonly string[] _excludedTrees = [.. excludedTrees.Select(Normalize)];
    private readonly string[] _excludedFolders = [.. excludedFolders.Select(Normalize)];

    /// <summary>The PATH entries a program may come from, in order.</summary>
    public IReadOnlyList<string> SafeDirectories(string? pathVariable) =>
        (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Path.IsPathFullyQualified)
            .Select(Normalize)
            .Where(d => !_excludedFolders.Contains(d, PathComparer) && !_excludedTrees.Any(t => IsWithin(d, t)))
            .Distinct(PathComparer)
            .ToList();

    /// <summary>Absolute path of <paramref name="program"/> (a bare name), or null when no safe PATH entry holds it.</summary>
    public string? Find(string program, string? pathVariable)
    {
        if (program.Length == 0 || program.IndexOfAny(['/', '\\', '\0']) >= 0 || program is "." or "..")
        {
            return null;
        }

        foreach (var directory in SafeDirectories(pathVariable))
        {
            foreach (var extension in Extensions)
            {
                var candidate = Path.Combine(directory, program + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() ||
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool IsWithin(string path, string root) =>
        PathComparer.Equals(path, root) || path.StartsWith(root + Path.DirectorySeparatorChar, PathComparison);

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static StringComparer PathComparer =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
