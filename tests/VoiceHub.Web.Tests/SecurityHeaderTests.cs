using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

[Collection(WebAppCollection.Name)]
public sealed class SecurityHeaderTests(WebAppFixture fixture)
{
    public static TheoryData<string> Pages => ["/", "/workflows", "/templates", "/threads", "/metrics"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_sends_security_headers_and_runs_without_policy_violations(string path)
    {
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) ||
                message.Text.Contains("Permissions policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(path).WaitAsync(WebAppFixture.RequestTimeout);
        await WebAppFixture.GotoAsync(page, path);

        var headers = await response!.AllHeadersAsync().WaitAsync(WebAppFixture.RequestTimeout);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("strict-origin-when-cross-origin", headers["referrer-policy"]);
        Assert.Contains("microphone=(self)", headers["permissions-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.True(await page.EvaluateAsync<bool>("() => document.featurePolicy?.allowsFeature('microphone') ?? true"),
            "the page's own policy blocks the microphone");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Static_assets_are_fingerprinted_content_encoded_and_cached_for_long()
    {
        var page = await fixture.NewPageAsync();
        var css = page.WaitForResponseAsync(r => r.Url.Contains("/app.") && r.Url.EndsWith(".css"));
        await page.GotoAsync("/").WaitAsync(WebAppFixture.RequestTimeout);
        var response = await css.WaitAsync(WebAppFixture.RequestTimeout);

        var headers = await response.AllHeadersAsync();
        Assert.Matches(@"/app\.[a-z0-9]{6,}\.css$", response.Url);
        Assert.Contains("immutable", headers["cache-control"]);
        Assert.Contains("max-age=31536000", headers["cache-control"]);
        Assert.True(headers.TryGetValue("content-encoding", out var encoding) && encoding is "br" or "gzip",
            $"app.css was not compressed (content-encoding {encoding ?? "none"})");
        await Expect(page.Locator("link[rel=stylesheet][href*='app.']")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"app\.[a-z0-9]+\.css"));
    }
}
