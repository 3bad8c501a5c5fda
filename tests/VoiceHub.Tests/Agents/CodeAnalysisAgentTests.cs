using System.Text;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class CodeAnalysisAgentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly CodeAnalysisAgent _agent;

    public CodeAnalysisAgentTests() => _agent = new CodeAnalysisAgent(_workspace.Folder);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Counts_files_and_lines_per_language_and_lists_the_largest()
    {
        _workspace.Write("src/a.cs", "class A\n{\n}\n");
        _workspace.Write("src/b.cs", "class B\n{\n    int x;\n}\n");
        _workspace.Write("web/app.ts", "export const x = 1;\n");
        _workspace.Write("bin/generated.cs", "skipped\n");
        _workspace.Write("image.png", "not code");

        var output = (await _agent.RunAsync("analyze", new { path = "." })).Out();

        Assert.Equal(3, output["files"]!.GetValue<int>());
        Assert.Equal(8, output["lines"]!.GetValue<int>());
        var csharp = output["languages"]!.AsArray().Single(l => l!["language"]!.GetValue<string>() == "C#")!;
        Assert.Equal(2, csharp["files"]!.GetValue<int>());
        Assert.Equal(7, csharp["lines"]!.GetValue<int>());
        Assert.Equal("src/b.cs", output["largestFiles"]![0]!["file"]!.GetValue<string>());
        Assert.Contains("| C# | 2 | 7 |", output["markdown"]!.GetValue<string>());
    }

    [Fact]
    public async Task Finds_long_methods_in_csharp_javascript_python_and_go_but_not_short_ones()
    {
        _workspace.Write("Long.cs", CSharp("Long", 70) + CSharp("Short", 10));
        _workspace.Write("long.js", $"function longJs(a) {{\n{Body(65, "  a++;")}}}\nconst shortJs = (a) => {{\n  return a;\n}};\n");
        _workspace.Write("long.py", $"def long_py(a):\n{Body(64, "    a += 1")}\ndef short_py():\n    return 1\n");
        _workspace.Write("long.go", $"package main\n\nfunc LongGo() int {{\n{Body(62, "\tx := \"{{\"")}\treturn 1\n}}\n");

        var output = (await _agent.RunAsync("analyze", new { path = "." })).Out();

        var methods = output["longMethods"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!);
        Assert.Equal(["Long", "LongGo", "longJs", "long_py"], methods.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(74, methods["Long"]["lines"]!.GetValue<int>());
        Assert.Equal(3, methods["Long"]["line"]!.GetValue<int>());
        Assert.Equal(67, methods["longJs"]["lines"]!.GetValue<int>());
        Assert.Equal(65, methods["long_py"]["lines"]!.GetValue<int>());
        Assert.Equal(65, methods["LongGo"]["lines"]!.GetValue<int>());
    }

    [Fact]
    public async Task Markers_and_secrets_are_ranked_with_file_and_line_and_secrets_are_not_repeated()
    {
        // Built from pieces so that reviewing this repository does not flag its own test data.
        var githubToken = "ghp_" + new string('a', 36);
        var awsKey = "AKIA" + "ABCDEFGHIJKLMNOP";
        _workspace.Write("app.py", "# TODO: handle errors\nx = 1\napi_key = \"abcdef1234567890\"\n");
        _workspace.Write("config.js", $"// FIXME broken\nconst t = '{githubToken}';\nconst aws = '{awsKey}';\n");
        _workspace.Write("keys/id.txt", "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIE\n");
        _workspace.Write("Notes.cs", "// HACK: temporary\nvar todo = \"TODO is a word here\";\n");

        var output = (await _agent.RunAsync("analyze", new { path = "." })).Out();

        var findings = output["findings"]!.AsArray().Select(f => (
            Severity: f!["severity"]!.GetValue<string>(), Place: $"{f["file"]}:{f["line"]}", Message: f["message"]!.GetValue<string>())).ToList();
        Assert.Equal(["high", "high", "high", "high", "low", "low", "low"], findings.Select(f => f.Severity));
        Assert.Contains(findings, f => f.Place == "app.py:3" && f.Message.Contains("hard-coded api_key"));
        Assert.Contains(findings, f => f.Place == "config.js:2" && f.Message.Contains("GitHub token"));
        Assert.Contains(findings, f => f.Place == "config.js:3" && f.Message.Contains("AWS access key"));
        Assert.Contains(findings, f => f.Place == "keys/id.txt:1" && f.Message.Contains("private key"));
        Assert.Contains(findings, f => f.Place == "app.py:1" && f.Message == "TODO: handle errors");
        Assert.Contains(findings, f => f.Place == "Notes.cs:1" && f.Message == "HACK: temporary");
        var all = output.ToJsonString();
        Assert.DoesNotContain(githubToken, all);
        Assert.DoesNotContain(awsKey, all);
        Assert.DoesNotContain("abcdef1234567890", all);
    }

    [Fact]
    public async Task A_path_outside_the_workspace_is_refused()
    {
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("analyze", new { path = "../" }));
    }

    private static string Body(int lines, string line) => new StringBuilder().Insert(0, line + "\n", lines).ToString();

    private static string CSharp(string name, int bodyLines) =>
        $"public sealed class {name}Type(int seed)\n{{\n    public int {name}(int a)\n    {{\n{Body(bodyLines, "        a += seed; // { not counted")}        return a;\n    }}\n}}\n";
}
