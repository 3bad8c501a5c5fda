using System.Net;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Agents;

/// <summary>The shipped templates run end to end on the engine (real Redis) with the built-in agents on a temporary workspace.</summary>
[Collection(RedisCollection.Name)]
public sealed class BuiltInWorkflowTests(RedisServerFixture redis) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private ApiFactory Api() => new(redis, new Dictionary<string, string?>
    {
        ["VoiceHub:Workspace:Root"] = _workspace.Root,
    });

    [Fact]
    public async Task Data_insights_report_holds_the_computed_statistics_and_the_chart()
    {
        _workspace.Write("data/sales.csv", "month,revenue\nJan,100\nFeb,200\nMar,300\nApr,400\n");
        await using var api = Api();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("data-insights", new { path = "data/sales.csv" })).Id(), "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var report = await GetArtifactAsync(client, done.Id(), "report.md");
        Assert.StartsWith("# Data insights: data/sales.csv", report);
        // mean 250, median 250, p95 385 (rank 2.85), std 129.0994, slope 100 per row
        Assert.Contains("| revenue | 4 | 250 | 250 | 385 | 100 | 400 | 129.0994 |", report);
        Assert.Contains("| revenue | 100 | 100 | 1 |", report);
        Assert.Contains("![chart](chart.svg)", report);
        Assert.StartsWith("<svg", await GetArtifactAsync(client, done.Id(), "chart.svg"));
    }

    [Fact]
    public async Task Code_review_report_names_real_files_with_their_line_counts_and_history()
    {
        _workspace.Write("src/Orders.cs", string.Concat(Enumerable.Repeat("// line\n", 12)) + "// TODO: validate totals\n");
        _workspace.Write("src/app.py", "print('hi')\nprint('there')\n");
        _workspace.Git("init", "--quiet");
        _workspace.Git("add", ".");
        _workspace.Git("commit", "--quiet", "-m", "Import the order code");
        await using var api = Api();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("code-review", new { path = "src" })).Id(), "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var report = await GetArtifactAsync(client, done.Id(), "report.md");
        Assert.Contains("## Findings", report);
        Assert.Contains("| src/Orders.cs | 13 |", report);
        Assert.Contains("| src/app.py | 2 |", report);
        Assert.Contains("`src/Orders.cs:13` TODO: validate totals", report);
        Assert.Contains("## Recent history", report);
        Assert.Contains("Import the order code — Ada Tester", report);
    }

    [Fact]
    public async Task A_path_outside_the_workspace_fails_the_step_at_once_naming_it()
    {
        await using var api = Api();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("data-insights", new { path = "../outside.csv" })).Id(), "Completed", "Failed");

        Assert.Equal("Failed", done.GetProperty("status").GetString());
        var step = done.Step("statistics");
        Assert.Equal(1, step.GetProperty("attempts").GetInt32());
        Assert.Contains("'../outside.csv' is refused", step.GetProperty("error").GetString());
        Assert.Equal("Skipped", done.Step("report").GetProperty("status").GetString());
    }

    private static async Task<string> GetArtifactAsync(HttpClient client, string workflowId, string name)
    {
        var response = await client.GetAsync($"/api/workflows/{workflowId}/artifacts/{name}").WaitAsync(Patience.Background);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
