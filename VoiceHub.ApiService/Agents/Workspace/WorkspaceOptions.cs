using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Agents.Workspace;

/// <summary>Settings of the folder built-in agents may read (section <c>VoiceHub:Workspace</c>).</summary>
public sealed class WorkspaceOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Workspace";

    /// <summary>
    /// The workspace folder; relative to the content root when relative. When unset: the git
    /// repository that holds the content root, or the content root itself outside a repository.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Most files one walk visits, so a huge folder cannot stall a step.</summary>
    public int MaxFiles { get; set; } = 20_000;

    /// <summary>Files larger than this are counted but not read.</summary>
    public long MaxFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Used when <see cref="ProtectedPatterns"/> is empty: secrets and local data (see <see cref="Workspace.ProtectedPaths"/>).</summary>
    public static readonly IReadOnlyList<string> DefaultProtectedPatterns =
        [".env", ".env.*", "**/secrets.json", "*.pfx", "*.key", "*.pem", "id_rsa*", ".data/**"];

    /// <summary>
    /// Files and folders agents refuse to read and leave out of walks (git's internals always are).
    /// Null or empty means <see cref="DefaultProtectedPatterns"/>; setting any entry replaces the list.
    /// </summary>
    public List<string>? ProtectedPatterns { get; set; }

    /// <summary>
    /// Folders agents never read wherever they are (absolute, or relative to the content root): in run
    /// mode the AppHost lists the local redis-server's data folder here.
    /// </summary>
    public List<string> ProtectedFolders { get; set; } = [];

    public IReadOnlyList<string> EffectiveProtectedPatterns =>
        ProtectedPatterns is { Count: > 0 } patterns ? patterns : DefaultProtectedPatterns;

    /// <summary>Resolves the configured (or default) root to a full path.</summary>
    public string ResolveRoot(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(Root))
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root, contentRoot));
        }

        // .git is a folder in a clone and a file in a worktree; either marks the repository's top.
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return Path.TrimEndingDirectorySeparator(dir.FullName);
            }
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot));
    }

    public IEnumerable<string> Problems()
    {
        if (MaxFiles < 1 || MaxFileBytes < 1) yield return "MaxFiles and MaxFileBytes must be 1 or more.";
    }
}
