using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Measures a folder of the workspace: files and lines per language, largest files, long methods,
/// work markers (TODO, FIXME, HACK) and likely secrets, with findings ranked by severity.
/// </summary>
public sealed class CodeAnalysisAgent(WorkspaceFolder workspace) : IAgent
{
    /// <summary>Methods longer than this many lines are reported.</summary>
    public const int LongMethodThreshold = 60;

    private const int MaxListed = 50;

    public string Name => "code";

    public string Description => "Reads and measures code in the workspace; never runs or changes it.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("analyze", $"Files and lines per language, largest files, methods over {LongMethodThreshold} lines, TODO/FIXME/HACK markers and likely secrets under `path`, ranked by severity."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "analyze", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var scan = await ScanAsync(invocation.Optional("path") ?? ".", cancellationToken);
        var findings = scan.Findings();
        var output = ToJson(scan, findings);
        output["markdown"] = CodeAnalysisMarkdown.Render(scan, findings);

        var summary = $"{scan.Files.Count} files, {scan.Files.Sum(f => f.Lines)} lines in {scan.Path}; " +
                      $"{scan.Secrets.Count} likely secret(s), {scan.LongMethods.Count} long method(s), {scan.Markers.Count} marker(s).";
        return new AgentResult(output, summary);
    }

    private async Task<CodeScan> ScanAsync(string path, CancellationToken cancellationToken)
    {
        var scan = new CodeScan(workspace.Relative(workspace.Resolve(path)));
        foreach (var file in workspace.EnumerateFiles(path, name => SourceLanguages.TryGet(name, out _, out _), cancellationToken))
        {
            SourceLanguages.TryGet(Path.GetFileName(file.FullPath), out var language, out var style);
            var text = await workspace.ReadTextAsync(file, cancellationToken);
            if (text is null)
            {
                scan.Unread.Add(file.RelativePath);
                continue;
            }

            var lines = text.ReplaceLineEndings("\n").Split('\n');
            var count = text.Length == 0 ? 0 : text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
            scan.AddFile(file.RelativePath, language, count);
            scan.LongMethods.AddRange(LongMethodFinder.Find(file.RelativePath, lines, style, LongMethodThreshold));
            for (var i = 0; i < lines.Length; i++)
            {
                if (LinePatterns.FindMarker(file.RelativePath, i + 1, lines[i]) is { } marker)
                {
                    scan.Markers.Add(marker);
                }

                scan.Secrets.AddRange(LinePatterns.FindSecrets(file.RelativePath, i + 1, lines[i]));
            }
        }

        return scan;
    }

    private static JsonObject ToJson(CodeScan scan, IReadOnlyList<CodeFinding> findings) => new()
    {
        ["path"] = scan.Path,
        ["files"] = scan.Files.Count,
        ["lines"] = scan.Files.Sum(f => f.Lines),
        ["languages"] = new JsonArray(scan.Languages().Select(l => (JsonNode)new JsonObject
        {
            ["language"] = l.Language, ["files"] = l.Files, ["lines"] = l.Lines,
        }).ToArray()),
        ["largestFiles"] = new JsonArray(scan.Largest(10).Select(f => (JsonNode)new JsonObject { ["file"] = f.File, ["lines"] = f.Lines }).ToArray()),
        ["longMethods"] = Json(scan.LongMethods.OrderByDescending(m => m.Lines).Take(MaxListed), m => new JsonObject
        {
            ["file"] = m.File, ["line"] = m.Line, ["name"] = m.Name, ["lines"] = m.Lines,
        }),
        ["markers"] = Json(scan.Markers.Take(MaxListed * 2), m => new JsonObject
        {
            ["file"] = m.File, ["line"] = m.Line, ["kind"] = m.Kind, ["text"] = m.Text,
        }),
        ["secrets"] = Json(scan.Secrets.Take(MaxListed), s => new JsonObject
        {
            ["file"] = s.File, ["line"] = s.Line, ["kind"] = s.Kind, ["hint"] = s.Hint,
        }),
        ["counts"] = new JsonObject
        {
            ["high"] = findings.Count(f => f.Severity == "high"),
            ["medium"] = findings.Count(f => f.Severity == "medium"),
            ["low"] = findings.Count(f => f.Severity == "low"),
            ["longMethods"] = scan.LongMethods.Count,
            ["markers"] = scan.Markers.Count,
            ["secrets"] = scan.Secrets.Count,
        },
        ["findings"] = Json(findings.Take(MaxListed * 2), f => new JsonObject
        {
            ["severity"] = f.Severity, ["kind"] = f.Kind, ["file"] = f.File, ["line"] = f.Line, ["message"] = f.Message,
        }),
        ["unread"] = new JsonArray(scan.Unread.Take(MaxListed).Select(u => (JsonNode)JsonValue.Create(u)).ToArray()),
    };

    private static JsonArray Json<T>(IEnumerable<T> items, Func<T, JsonObject> map) => new(items.Select(i => (JsonNode)map(i)).ToArray());
}
