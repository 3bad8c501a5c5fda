namespace VoiceHub.ApiService.Agents.Workspace;

/// <summary>
/// The sandbox the built-in agents read from. Every user path is resolved here first; a path that
/// leads outside the root, literally or through a symbolic link, or into a protected part of it
/// (<see cref="ProtectedPaths"/>), is refused before anything is read. Refusals name the path as
/// given and the rule, never the root's absolute location.
/// </summary>
public sealed class WorkspaceFolder
{
    /// <summary>Folders a walk never enters: build output, tool state, dependencies, local data.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders =
        new HashSet<string>(["bin", "obj", ".git", "node_modules", ".data"], StringComparer.OrdinalIgnoreCase);

    private const int MaxLinkDepth = 32;
    private readonly WorkspaceOptions _options;
    private readonly ProtectedPaths _protected;
    private readonly IReadOnlyList<string> _protectedFolders;

    public WorkspaceFolder(string root, WorkspaceOptions? options = null)
    {
        _options = options ?? new WorkspaceOptions();
        _protected = new ProtectedPaths(_options.EffectiveProtectedPatterns);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(Root))
        {
            throw new InvalidOperationException($"The workspace root '{Root}' is not an existing folder; set {WorkspaceOptions.SectionName}:Root.");
        }

        // The root itself may sit behind a link (/tmp on macOS); comparisons use its real location.
        RealRoot = RealPath(Root) ?? Root;
        _protectedFolders = _options.ProtectedFolders.Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f, Root)))
            .SelectMany(f => new[] { f, RealPath(f) ?? f }).Distinct().ToList();
    }

    /// <summary>The workspace folder as configured.</summary>
    public string Root { get; }

    /// <summary>The workspace folder with every symbolic link resolved.</summary>
    public string RealRoot { get; }

    /// <summary>
    /// Full path of <paramref name="userPath"/> (relative to the root, or absolute inside it).
    /// Empty means the root. Throws <see cref="NonRetryableAgentException"/> for anything outside.
    /// </summary>
    public string Resolve(string? userPath)
    {
        var given = string.IsNullOrWhiteSpace(userPath) ? "." : userPath.Trim();
        if (given.Contains('\0'))
        {
            throw Refused(given, "it contains a NUL character");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given, Root));
        if (!IsWithin(full, Root))
        {
            throw Refused(given, "it leads outside the workspace");
        }

        var real = RealPath(full) ?? throw Refused(given, $"it goes through more than {MaxLinkDepth} symbolic links");
        if (!IsWithin(real, RealRoot))
        {
            throw Refused(given, "a symbolic link on the way leads outside the workspace");
        }

        if ((_protected.Why(Relative(full)) ?? _protected.Why(Path.GetRelativePath(RealRoot, real)) ?? InProtectedFolder(full, real)) is { } why)
        {
            throw Refused(given, why);
        }

        return full;
    }

    /// <summary>Like <see cref="Resolve"/>, and the result must be an existing folder.</summary>
    public string ResolveFolder(string? userPath)
    {
        var full = Resolve(userPath);
        return Directory.Exists(full)
            ? full
            : throw new NonRetryableAgentException($"'{userPath}' is not a folder in the workspace.");
    }

    /// <summary>Like <see cref="Resolve"/>, and the result must be an existing file.</summary>
    public string ResolveFile(string? userPath)
    {
        var full = Resolve(userPath);
        return File.Exists(full)
            ? full
            : throw new NonRetryableAgentException($"'{userPath}' is not a file in the workspace.");
    }

    /// <summary>Path relative to the root with '/' separators, for output a person reads.</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
        return relative == "." ? "." : relative;
    }

    /// <summary>
    /// Files under <paramref name="userPath"/> (a folder, or a single file), in a stable order. Skips
    /// <see cref="SkippedFolders"/>, never enters linked folders (no cycles) and leaves out linked
    /// files whose target is outside the workspace. Stops after <see cref="WorkspaceOptions.MaxFiles"/>.
    /// </summary>
    public IEnumerable<WorkspaceFile> EnumerateFiles(string? userPath, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        var start = Resolve(userPath);
        if (File.Exists(start))
        {
            yield return new WorkspaceFile(start, Relative(start), new FileInfo(start).Length);
            yield break;
        }

        if (!Directory.Exists(start))
        {
            throw new NonRetryableAgentException($"'{userPath}' does not exist in the workspace.");
        }

        var count = 0;
        var pending = new Stack<string>([start]);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = new DirectoryInfo(pending.Pop());
            FileSystemInfo[] entries;
            try
            {
                entries = folder.GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                continue; // unreadable folders are left out, not fatal
            }

            foreach (var entry in entries.Reverse().OfType<DirectoryInfo>())
            {
                if (entry.LinkTarget is null && !SkippedFolders.Contains(entry.Name) && IsListable(entry.FullName))
                {
                    pending.Push(entry.FullName);
                }
            }

            foreach (var file in entries.OfType<FileInfo>())
            {
                if ((include is not null && !include(file.Name)) || !IsListable(file.FullName))
                {
                    continue;
                }

                if (file.LinkTarget is not null &&
                    (RealPath(file.FullName) is not { } real || !IsWithin(real, RealRoot) || !File.Exists(real) || _protected.Why(Path.GetRelativePath(RealRoot, real)) is not null || InProtectedFolder(real, null) is not null))
                {
                    continue;
                }

                if (++count > _options.MaxFiles)
                {
                    yield break;
                }

                yield return new WorkspaceFile(file.FullName, Relative(file.FullName), file.Length);
            }
        }
    }

    /// <summary>Reads a text file found by a walk, or null when it is too large or looks binary.</summary>
    public async Task<string?> ReadTextAsync(WorkspaceFile file, CancellationToken cancellationToken)
    {
        if (file.Length > _options.MaxFileBytes)
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(file.FullPath, cancellationToken);
        return text.Contains('\0') ? null : text;
    }

    /// <summary>Whether <paramref name="relativePath"/> (relative to the root) is a protected part of the workspace.</summary>
    public bool IsProtected(string relativePath) =>
        _protected.Why(relativePath) is not null || InProtectedFolder(Path.GetFullPath(relativePath, Root), null) is not null;

    private string? InProtectedFolder(string full, string? real) =>
        _protectedFolders.Any(folder => IsWithin(full, folder) || real is not null && IsWithin(real, folder))
            ? $"it is in a folder the hub keeps private ({WorkspaceOptions.SectionName}:ProtectedFolders)"
            : null;

    /// <summary>Whether a walk may list this entry: not protected (secrets, local data, git internals).</summary>
    private bool IsListable(string fullPath) => !IsProtected(Relative(fullPath));

    private NonRetryableAgentException Refused(string path, string why) =>
        new($"Path '{path}' is refused: {why}. Built-in agents only read inside the workspace ({WorkspaceOptions.SectionName}:Root), outside its protected parts.");

    private static bool IsWithin(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, PathComparison);

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The path with every symbolic link in it resolved the way the OS does: component by
    /// component, a link's target replacing it (relative to the link's folder), ".." applied
    /// after the link before it is followed. Components that do not exist are kept as they are.
    /// Null when more than <see cref="MaxLinkDepth"/> links are followed (a loop).
    /// </summary>
    private static string? RealPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        var pending = new LinkedList<string>(Parts(fullPath[root.Length..]));
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinkDepth)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var targetPart in Enumerable.Reverse(Parts(target)))
            {
                pending.AddFirst(targetPart);
            }
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    private static string[] Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
