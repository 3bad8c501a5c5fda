using System.Text;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Column statistics as Markdown: one table of figures, one of trends, then the outliers.</summary>
internal static class StatisticsMarkdown
{
    public static string Render(string path, int rows, IReadOnlyList<ColumnStatistics> columns, IReadOnlyList<string> textColumns)
    {
        var text = new StringBuilder();
        text.Append($"{rows} rows in {Markdown.Code(path)}, {columns.Count} numeric column(s)");
        text.Append(textColumns.Count > 0 ? $"; text columns: {string.Join(", ", textColumns.Select(Markdown.Code))}.\n\n" : ".\n\n");
        if (columns.Count == 0)
        {
            return text.ToString();
        }

        Markdown.Table(text, ["Column", "Count", "Mean", "Median", "p95", "Min", "Max", "Std"], columns.Select(c => (IReadOnlyList<string>)
        [
            c.Column, c.Count.ToString(), Markdown.Number(c.Mean), Markdown.Number(c.Median), Markdown.Number(c.P95),
            Markdown.Number(c.Min), Markdown.Number(c.Max), Markdown.Number(c.Std),
        ]));

        text.Append("**Trend** (least squares over row order)\n\n");
        Markdown.Table(text, ["Column", "Slope per row", "Intercept", "r²"], columns.Select(c => (IReadOnlyList<string>)
        [
            c.Column, Markdown.Number(c.Trend?.Slope), Markdown.Number(c.Trend?.Intercept), Markdown.Number(c.Trend?.RSquared),
        ]));

        text.Append($"**Outliers** by {Outliers.Method}:\n\n");
        foreach (var c in columns)
        {
            var values = c.Outliers.Values;
            text.Append(values.Count == 0
                ? $"- {c.Column}: none\n"
                : $"- {c.Column}: {string.Join(", ", values.Take(10).Select(v => $"{Markdown.Number(v.Value)} (row {v.Row + 1})"))}{(values.Count > 10 ? $", … {values.Count - 10} more" : "")}\n");
        }

        return text.Append('\n').ToString();
    }
}
