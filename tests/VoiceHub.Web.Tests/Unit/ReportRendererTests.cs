using VoiceHub.Web.Markdown;

namespace VoiceHub.Web.Tests.Unit;

public sealed class ReportRendererTests
{
    private readonly ReportRenderer _renderer = new();

    [Fact]
    public void Markdown_becomes_html_with_tables()
    {
        var html = _renderer.Render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", _ => null, out _).Value;

        Assert.Contains("<h1", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>2</td>", html);
    }

    [Fact]
    public void Raw_html_in_a_report_is_escaped_not_rendered()
    {
        var html = _renderer.Render("Look: <script>alert(1)</script> <img src=x onerror=alert(2)>", _ => null, out _).Value;

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Image_naming_an_artifact_is_inlined_and_reported_as_embedded()
    {
        var html = _renderer.Render("![chart](chart.svg) ![other](https://example.com/x.png)",
            name => name == "chart.svg" ? "data:image/svg+xml;base64,PHN2Zy8+" : null, out var embedded).Value;

        Assert.Contains("src=\"data:image/svg+xml;base64,PHN2Zy8+\"", html);
        Assert.Contains("https://example.com/x.png", html);
        Assert.Equal(["chart.svg"], embedded);
    }

    public static TheoryData<string> HostileTargets => new()
    {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "blob:https://example.com/x",
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public void Links_and_images_with_a_scheme_other_than_http_are_shown_as_text(string target)
    {
        var markdown = $"[click me]({target}) ![pic]({target}) [ref link][r]\n\n[r]: {target}\n";

        var html = _renderer.Render(markdown, _ => "data:image/svg+xml;base64,PHN2Zy8+", out var embedded).Value;

        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("click me", html);
        Assert.Empty(embedded);
    }

    [Fact]
    public void A_refused_image_shows_its_alt_text()
    {
        var html = _renderer.Render("![pic](javascript:alert(1))", _ => null, out _).Value;

        Assert.Contains("[image: pic]", html);
    }

    [Fact]
    public void Autolinks_with_a_hostile_scheme_are_text()
    {
        var html = _renderer.Render("<javascript:alert(1)> <https://example.com/ok>", _ => null, out _).Value;

        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Contains("href=\"https://example.com/ok\"", html);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c:d")]
    [InlineData("http://example.com/")]
    [InlineData("docs/guide.md")]
    [InlineData("#section")]
    [InlineData("/workflows/12")]
    [InlineData("./a:b.md")]
    public void Http_and_relative_links_stay_links(string target)
    {
        var html = _renderer.Render($"[ok]({target})", _ => null, out _).Value;

        Assert.Contains("<a href=", html);
    }
}
