namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Names of the workspace's top two folder levels ("samples", "samples/sales.csv"), the paths a
/// person is likely to say. Hidden folders and build output are left out; the count is capped so a
/// huge workspace cannot blow up the speech grammar.
/// </summary>
internal static class WorkspaceNames
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "TestResults" };

    public static IReadOnlyList<string> List(string root, int max)
    {
        var names = new List<string>();
        if (!Directory.Exists(root))
        {
            return names;
        }

        var top = Entries(root).ToList();
        names.AddRange(top.Select(Path.GetFileName).OfType<string>());
        foreach (var folder in top.Where(Directory.Exists))
        {
            foreach (var entry in Entries(folder))
            {
                names.Add($"{Path.GetFileName(folder)}/{Path.GetFileName(entry)}");
            }
        }

        return names.Take(max).ToList();
    }

    private static IEnumerable<string> Entries(string folder)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(folder)
                .Where(e => Path.GetFileName(e) is { Length: > 0 } name && name[0] != '.' && !Ignored.Contains(name))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
