using System.Text;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Statistics, trends and outliers of every numeric column of a CSV or JSON file in the workspace,
/// with an SVG line chart saved as the artifact <c>chart.svg</c>.
/// </summary>
public sealed class DataAnalysisAgent(WorkspaceFolder workspace) : IAgent
{
    public const string ChartArtifact = "chart.svg";
    private const int MaxOutliersListed = 20;

    /// <summary>Data is read whole into memory; beyond this a step would starve the service.</summary>
    private const long MaxDataBytes = 64 * 1024 * 1024;

    public string Name => "analysis";

    public string Description => "Descriptive statistics, trends, outliers and a chart of CSV or JSON data in the workspace.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("statistics", "For each numeric column of the CSV or JSON file `path`: count, mean, median, p95, min, max, std, trend, outliers; saves chart.svg."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "statistics", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var path = invocation.Required("path");
        var file = workspace.ResolveFile(path);
        if (new FileInfo(file).Length > MaxDataBytes)
        {
            throw new NonRetryableAgentException($"'{path}' is larger than {MaxDataBytes / (1024 * 1024)} MiB; summarise a smaller extract.");
        }

        var data = TabularData.Load(file, await File.ReadAllTextAsync(file, cancellationToken));
        var numeric = new List<(ColumnStatistics Stats, List<(int Row, double Value)> Values)>();
        var text = new List<string>();
        for (var c = 0; c < data.Columns.Count; c++)
        {
            if (data.Numbers(c) is { } values)
            {
                numeric.Add((ColumnStatistics.Compute(data.Columns[c], values), values));
            }
            else
            {
                text.Add(data.Columns[c]);
            }
        }

        var relative = workspace.Relative(file);
        var output = new JsonObject
        {
            ["path"] = relative,
            ["rows"] = data.Rows.Count,
            ["columns"] = new JsonArray(data.Columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["numericColumns"] = new JsonArray(numeric.Select(n => (JsonNode)ToJson(n.Stats)).ToArray()),
            ["textColumns"] = new JsonArray(text.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["outlierMethod"] = Outliers.Method,
            ["trendX"] = "row index (first data row = 0); outlier rows are counted from 1",
        };

        if (numeric.Count > 0)
        {
            var svg = SvgLineChart.Render(relative, numeric.Select(n => (n.Stats.Column, (IReadOnlyList<(int, double)>)n.Values)).ToList(), data.Rows.Count);
            await invocation.Artifacts.SaveAsync(ChartArtifact, "image/svg+xml", Encoding.UTF8.GetBytes(svg), cancellationToken);
            output["chart"] = ChartArtifact;
        }

        output["markdown"] = StatisticsMarkdown.Render(relative, data.Rows.Count, numeric.Select(n => n.Stats).ToList(), text);
        var summary = numeric.Count == 0
            ? $"{relative}: {data.Rows.Count} rows, no numeric columns."
            : $"{relative}: {data.Rows.Count} rows, {numeric.Count} numeric column(s); " +
              string.Join("; ", numeric.Take(3).Select(n => $"{n.Stats.Column} mean {Markdown.Number(n.Stats.Mean)}")) + ".";
        return new AgentResult(output, summary);
    }

    private static JsonObject ToJson(ColumnStatistics s) => new()
    {
        ["name"] = s.Column,
        ["count"] = s.Count,
        ["mean"] = Finite(s.Mean),
        ["median"] = Finite(s.Median),
        ["p95"] = Finite(s.P95),
        ["min"] = s.Min,
        ["max"] = s.Max,
        ["std"] = Finite(s.Std),
        ["trend"] = s.Trend is { } t ? new JsonObject { ["slope"] = Finite(t.Slope), ["intercept"] = Finite(t.Intercept), ["r2"] = Finite(t.RSquared) } : null,
        ["outliers"] = new JsonObject
        {
            ["method"] = "iqr",
            ["lowerFence"] = Finite(s.Outliers.LowerFence),
            ["upperFence"] = Finite(s.Outliers.UpperFence),
            ["count"] = s.Outliers.Values.Count,
            ["values"] = new JsonArray(s.Outliers.Values.Take(MaxOutliersListed)
                .Select(o => (JsonNode)new JsonObject { ["row"] = o.Row + 1, ["value"] = o.Value }).ToArray()),
        },
    };

    /// <summary>Sums of values near double's limit overflow; JSON cannot hold infinity, so those figures are absent.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
