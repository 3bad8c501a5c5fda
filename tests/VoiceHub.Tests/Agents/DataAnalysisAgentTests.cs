using System.Xml.Linq;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class DataAnalysisAgentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly DataAnalysisAgent _agent;

    public DataAnalysisAgentTests() => _agent = new DataAnalysisAgent(_workspace.Folder);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Csv_statistics_trend_and_outliers_are_computed_exactly()
    {
        // Quoted fields hold commas and doubled quotes; the last row's value is an outlier.
        _workspace.Write("data/sales.csv", """"
            region,units,"price, EUR"
            "North, upper",10,1.5
            "South ""deep""",20,2.5
            East,30,3.5
            West,40,4.5
            Central,50,5.5
            Far,400,6.5
            """");
        var sink = new FakeArtifactSink();

        var output = (await _agent.RunAsync("statistics", new { path = "data/sales.csv" }, sink)).Out();

        Assert.Equal(6, output["rows"]!.GetValue<int>());
        Assert.Equal(["region"], output["textColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
        var units = output["numericColumns"]![0]!;
        Assert.Equal("units", units["name"]!.GetValue<string>());
        Assert.Equal(6, units["count"]!.GetValue<int>());
        Assert.Equal(91.6667, units["mean"]!.GetValue<double>(), 4);
        Assert.Equal(35, units["median"]!.GetValue<double>(), 9);
        Assert.Equal(312.5, units["p95"]!.GetValue<double>(), 9); // rank 4.75 between 50 and 400
        Assert.Equal(10, units["min"]!.GetValue<double>());
        Assert.Equal(400, units["max"]!.GetValue<double>());
        Assert.Equal(151.7124, units["std"]!.GetValue<double>(), 4);
        Assert.Equal(1, units["outliers"]!["count"]!.GetValue<int>());
        Assert.Equal(6, units["outliers"]!["values"]![0]!["row"]!.GetValue<int>());

        var price = output["numericColumns"]![1]!;
        Assert.Equal("price, EUR", price["name"]!.GetValue<string>());
        Assert.Equal(1.0, price["trend"]!["slope"]!.GetValue<double>(), 9);
        Assert.Equal(1.5, price["trend"]!["intercept"]!.GetValue<double>(), 9);
        Assert.Equal(1.0, price["trend"]!["r2"]!.GetValue<double>(), 9);
        Assert.Equal(0, price["outliers"]!["count"]!.GetValue<int>());

        Assert.Equal("chart.svg", output["chart"]!.GetValue<string>());
        Assert.Equal("image/svg+xml", sink.Saved["chart.svg"].ContentType);
        Assert.Contains("| units | 6 | 91.6667 | 35 | 312.5 | 10 | 400 | 151.7124 |", output["markdown"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chart_is_valid_svg_with_escaped_text()
    {
        _workspace.Write("odd.csv", "a<b & \"c\",d\n1,4\n2,3\n3,7\n");
        var sink = new FakeArtifactSink();

        await _agent.RunAsync("statistics", new { path = "odd.csv" }, sink);

        var svg = XDocument.Parse(sink.Text("chart.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("a<b & \"c\" (1 – 3)"));
        Assert.DoesNotContain("<script", sink.Text("chart.svg"));
    }

    [Fact]
    public async Task Json_array_of_objects_is_read()
    {
        _workspace.Write("m.json", """[{"t":"x","v":2},{"t":"y","v":4},{"t":"z","v":null},{"t":"w","v":9}]""");

        var output = (await _agent.RunAsync("statistics", new { path = "m.json" })).Out();

        var v = output["numericColumns"]![0]!;
        Assert.Equal(3, v["count"]!.GetValue<int>());
        Assert.Equal(5, v["mean"]!.GetValue<double>(), 9);
        Assert.Equal(4, v["median"]!.GetValue<double>(), 9);
    }

    [Fact]
    public void Percentile_interpolates_linearly_between_ranks()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(3.85, ColumnStatistics.Percentile(sorted, 0.95), 9);
        Assert.Equal(2.5, ColumnStatistics.Percentile(sorted, 0.5), 9);
        Assert.Equal(1, ColumnStatistics.Percentile(sorted, 0), 9);
    }

    [Fact]
    public async Task Files_outside_the_workspace_or_of_other_kinds_are_refused()
    {
        var outside = _workspace.WriteOutside("secret.csv", "a\n1\n");
        _workspace.Write("notes.docx", "x");

        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("statistics", new { path = outside }));
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("statistics", new { path = "../secret.csv" }));
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("statistics", new { path = "notes.docx" }));
    }
}
