using System.Globalization;
using System.Text;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// A self-contained SVG line chart of numeric series over row order: no scripts, fonts or links,
/// every text escaped. One series is drawn on its own axis; several are each scaled to their own
/// range (shown in the legend) so a large column does not flatten a small one.
/// </summary>
internal static class SvgLineChart
{
    private const int Width = 800, Height = 420, Left = 70, Right = 20, Top = 40, Bottom = 90, MaxPoints = 1000, MaxSeries = 8;
    private static readonly string[] Colors = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

    public static string Render(string title, IReadOnlyList<(string Name, IReadOnlyList<(int Row, double Value)> Points)> series, int rowCount)
    {
        var shown = series.Take(MaxSeries).ToList();
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var single = shown.Count == 1;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"  <title>{Escape(title)}</title>\n");
        svg.Append($"  <rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append($"  <text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n");
        svg.Append($"  <line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#9ca3af\"/>\n");
        svg.Append($"  <line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#9ca3af\"/>\n");
        svg.Append($"  <text x=\"{Left + plotWidth / 2}\" y=\"{Top + plotHeight + 32}\" text-anchor=\"middle\">row (0 – {Math.Max(0, rowCount - 1)})</text>\n");

        if (single)
        {
            var (min, max) = Range(shown[0].Points);
            for (var i = 0; i <= 4; i++)
            {
                var y = Top + plotHeight - plotHeight * i / 4.0;
                svg.Append($"  <text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Escape(Markdown.Number(min + (max - min) * i / 4))}</text>\n");
                svg.Append($"  <line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + plotWidth}\" y2=\"{F(y)}\" stroke=\"#e5e7eb\"/>\n");
            }
        }
        else
        {
            svg.Append($"  <text x=\"16\" y=\"{Top + plotHeight / 2}\" transform=\"rotate(-90 16 {Top + plotHeight / 2})\" text-anchor=\"middle\">each series scaled to its own min – max</text>\n");
        }

        for (var s = 0; s < shown.Count; s++)
        {
            var (name, points) = shown[s];
            var (min, max) = Range(points);
            var step = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MaxPoints));
            var coordinates = points.Where((_, i) => i % step == 0 || i == points.Count - 1).Select(p =>
            {
                var x = Left + (rowCount <= 1 ? plotWidth / 2.0 : plotWidth * p.Row / (double)(rowCount - 1));
                var y = Top + plotHeight - (max == min ? plotHeight / 2.0 : plotHeight * (p.Value - min) / (max - min));
                return $"{F(x)},{F(y)}";
            });
            svg.Append($"  <polyline fill=\"none\" stroke=\"{Colors[s]}\" stroke-width=\"2\" points=\"{string.Join(' ', coordinates)}\"/>\n");

            var legendX = Left + s % 4 * (plotWidth / 4);
            var legendY = Height - 36 + s / 4 * 18;
            var label = single ? name : $"{name} ({Markdown.Number(min)} – {Markdown.Number(max)})";
            svg.Append($"  <rect x=\"{legendX}\" y=\"{legendY - 9}\" width=\"12\" height=\"10\" fill=\"{Colors[s]}\"/>\n");
            svg.Append($"  <text x=\"{legendX + 16}\" y=\"{legendY}\">{Escape(label)}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static (double Min, double Max) Range(IReadOnlyList<(int Row, double Value)> points) =>
        (points.Min(p => p.Value), points.Max(p => p.Value));

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>XML text and attribute escaping; control characters XML cannot hold are dropped.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                < ' ' when c is not ('\t' or '\n' or '\r') => "",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
