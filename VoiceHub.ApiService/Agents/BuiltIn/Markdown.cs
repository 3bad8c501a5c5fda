using System.Globalization;
using System.Text;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Small pieces of Markdown the built-in agents share: escaped table cells, tables, numbers.</summary>
internal static class Markdown
{
    /// <summary>Text safe inside a table cell: no pipes or line breaks to break the row.</summary>
    public static string Cell(string? text) =>
        (text ?? "").Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    /// <summary>Inline code that survives backticks inside the text.</summary>
    public static string Code(string text) => text.Contains('`') ? $"`` {text} ``" : $"`{text}`";

    public static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    public static string Number(double? value) => value is { } v ? Number(v) : "n/a";

    public static void Table(StringBuilder text, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.Append("| ").AppendJoin(" | ", headers.Select(Cell)).Append(" |\n");
        text.Append('|').AppendJoin("|", headers.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        text.Append('\n');
    }
}
