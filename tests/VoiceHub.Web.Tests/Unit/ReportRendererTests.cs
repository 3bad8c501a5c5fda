using VoiceHub.Web.Markdown;

namespace VoiceHub.Web.Tests.Unit;

public sealed class ReportRendererTests
{
    private readonly ReportRenderer renderer = new();

    [Fact]
    public void Markdown_becomes_html_with_tables()
    {
        var html = renderer.Render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", _ => null, out _).Value;

        Assert.Contains("<h1", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>2</td>", html);
    }

    [Fact]
    public void Raw_html_in_a_report_is_escaped_not_rendered()
    {
        var html = renderer.Render("Look: <script>alert(1)</script> <img src=x onerror=alert(2)>", _ => null, out _).Value;

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Image_naming_an_artifact_is_inlined_and_reported_as_embedded()
    {
        var html = renderer.Render("![chart](chart.svg) ![other](https://example.com/x.png)",
            name => name == "chart.svg" ? "data:image/svg+xml;base64,PHN2Zy8+" : null, out var embedded).Value;

        Assert.Contains("src=\"data:image/svg+xml;base64,PHN2Zy8+\"", html);
        Assert.Contains("https://example.com/x.png", html);
        Assert.Equal(["chart.svg"], embedded);
    }
}
