using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class ReportAgentTests
{
    private readonly ReportAgent _agent = new();

    [Fact]
    public async Task Sections_are_rendered_from_earlier_steps_and_saved_as_report_md()
    {
        var steps = new Dictionary<string, StepResultView>
        {
            ["stats"] = new("Succeeded", new JsonObject { ["chart"] = "chart.svg", ["markdown"] = "| Column | Mean |\n|---|---|\n| units | 30 |\n" }, "5 rows"),
            ["llm"] = new("Succeeded", new JsonObject { ["text"] = "The model's answer." }, "generated"),
            ["http"] = new("Succeeded", new JsonObject { ["status"] = 200, ["headers"] = new JsonArray(new JsonObject { ["name"] = "a|b", ["value"] = "x" }) }, "200 OK"),
            ["broken"] = new("Failed", null, null),
        };
        var sink = new FakeArtifactSink();

        var result = await _agent.RunAsync("compose", new
        {
            title = "Insights",
            sections = new object[]
            {
                new { heading = "Statistics", from = "stats" },
                new { heading = "Answer", from = "llm" },
                new { heading = "Response", from = "http" },
                new { heading = "Broken", from = "broken" },
                new { heading = "Missing", from = "nowhere" },
            },
        }, sink, steps);

        var report = sink.Text("report.md");
        Assert.Equal("text/markdown", sink.Saved["report.md"].ContentType);
        Assert.StartsWith("# Insights\n\n## Statistics\n\n_5 rows_\n\n![chart](chart.svg)\n\n| Column | Mean |", report);
        Assert.Contains("## Answer\n\n_generated_\n\nThe model's answer.", report);
        Assert.Contains("- **status**: 200", report);
        Assert.Contains("| a\\|b | x |", report);
        Assert.Contains("did not succeed (status: Failed)", report);
        Assert.Contains("No step 'nowhere'", report);
        var output = result.Out();
        Assert.Equal("report.md", output["artifact"]!.GetValue<string>());
        Assert.Equal(report.Length, output["length"]!.GetValue<int>());
        Assert.Equal(5, output["sections"]!.AsArray().Count);
    }

    [Fact]
    public async Task Sections_are_required()
    {
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("compose", new { title = "x" }));
    }
}
