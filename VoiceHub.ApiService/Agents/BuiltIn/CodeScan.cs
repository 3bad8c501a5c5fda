namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>What one code analysis collected, before it becomes output.</summary>
internal sealed class CodeScan(string path)
{
    public string Path { get; } = path;

    public List<(string File, string Language, int Lines)> Files { get; } = [];

    public List<LongMethod> LongMethods { get; } = [];

    public List<CodeMarker> Markers { get; } = [];

    public List<LikelySecret> Secrets { get; } = [];

    /// <summary>Files too large to read or that look binary.</summary>
    public List<string> Unread { get; } = [];

    public void AddFile(string file, string language, int lines) => Files.Add((file, language, lines));

    public IEnumerable<(string Language, int Files, int Lines)> Languages() =>
        Files.GroupBy(f => f.Language)
            .Select(g => (g.Key, g.Count(), g.Sum(f => f.Lines)))
            .OrderByDescending(l => l.Item3).ThenBy(l => l.Key, StringComparer.Ordinal);

    public IEnumerable<(string File, int Lines)> Largest(int count) =>
        Files.OrderByDescending(f => f.Lines).ThenBy(f => f.File, StringComparer.Ordinal).Take(count).Select(f => (f.File, f.Lines));

    /// <summary>Secrets first (high), then long methods (medium), then markers (low); by place within each.</summary>
    public List<CodeFinding> Findings() =>
        Secrets.Select(s => new CodeFinding("high", "secret", s.File, s.Line, $"Likely {s.Kind} ({s.Hint})"))
            .Concat(LongMethods.Select(m => new CodeFinding("medium", "long-method", m.File, m.Line, $"{m.Name} is {m.Lines} lines long")))
            .Concat(Markers.Select(m => new CodeFinding("low", "marker", m.File, m.Line, $"{m.Kind}: {m.Text}".TrimEnd(' ', ':'))))
            .OrderBy(f => f.Rank).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ToList();
}
