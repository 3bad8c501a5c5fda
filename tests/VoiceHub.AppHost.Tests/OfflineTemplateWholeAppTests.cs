using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.AppHost.Tests;

/// <summary>
/// The offline templates, said as commands to the whole application: each runs its real agents on
/// this repository (the AppHost's workspace) and produces a report whose content reflects the input.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class OfflineTemplateWholeAppTests(WholeAppFixture fixture)
{
    private static readonly TimeSpan WorkflowTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Code_review_names_real_files_with_their_real_line_counts()
    {
        var report = await RunToReportAsync("review the code in VoiceHub.AppHost");

        var lines = File.ReadAllLines(Path.Combine(AppHostProcess.RepositoryRoot, "VoiceHub.AppHost", "AppHost.cs")).Length;
        Assert.Contains(report.Split('\n'), line => line.Contains("AppHost.cs") && line.Contains($"| {lines} |"));
    }

    [Fact]
    public async Task Data_insights_reports_statistics_computed_from_the_file()
    {
        var report = await RunToReportAsync("give me data insights for samples/sales.csv");

        var units = File.ReadAllLines(Path.Combine(AppHostProcess.RepositoryRoot, "samples", "sales.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        var mean = Math.Round(units.Average(), 4).ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Contains(report.Split('\n'), line => line.StartsWith("| units |", StringComparison.Ordinal) && line.Contains($"| {mean} |"));
        Assert.Contains("chart.svg", report);
    }

    [Fact]
    public async Task Run_tests_runs_the_sample_suite_and_counts_its_tests()
    {
        var report = await RunToReportAsync("run the tests in samples/node-tests");

        Assert.Contains("node --test", report);
        Assert.Contains("| 2 | 0 | 0 |", report);
    }

    [Fact]
    public async Task Repository_status_reports_the_current_commit()
    {
        var report = await RunToReportAsync("run the repository status workflow");

        Assert.Contains("## Recent commits", report);
        Assert.Contains(GitHead(), report);
    }

    [Fact]
    public async Task Check_url_reports_the_status_of_the_api_health_endpoint()
    {
        var url = new Uri(fixture.App.GetEndpoint("apiservice", "http"), "/health");

        var report = await RunToReportAsync($"check {url}");

        Assert.Contains("200", report);
    }

    [Fact]
    public async Task Research_quotes_passages_of_the_workspace_docs()
    {
        var report = await RunToReportAsync("search the docs for consumer group");

        Assert.Contains("README.md", report);
    }

    private async Task<string> RunToReportAsync(string command)
    {
        using var client = fixture.CreateHttpClient("apiservice");
        client.Timeout = WorkflowTimeout;
        var response = await client.PostAsJsonAsync("/api/commands", new { text = command }).WaitAsync(Patience.Request);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"'{command}' → {(int)response.StatusCode}: {reply}");

        var types = await ServerSentEvents.ReadTypesAsync(client, response.Headers.Location + "/events", WorkflowTimeout);
        var workflow = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString());
        Assert.True(types[^1] == "workflow.completed", $"'{command}' ended with {types[^1]}: {workflow}");

        return await client.GetStringAsync(response.Headers.Location + "/artifacts/report.md").WaitAsync(Patience.Request);
    }

    private static string GitHead()
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", AppHostProcess.RepositoryRoot, "rev-parse", "--short=7", "HEAD"])
        {
            RedirectStandardOutput = true,
        })!;
        var head = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit(10_000);
        return head;
    }
}
