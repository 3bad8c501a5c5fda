using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

[Collection(WebAppCollection.Name)]
public sealed class MetricsPageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Metrics_page_numbers_change_after_traffic_and_show_the_health_checks()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/metrics");
        var requests = page.GetByTestId("metric-requests");
        await Expect(requests).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = long.Parse((await requests.TextContentAsync())!);

        for (var i = 0; i < 25; i++)
        {
            using var response = await fixture.Api.GetAsync("/api/workflows?limit=1").WaitAsync(WebAppFixture.RequestTimeout);
        }

        // The page samples every 2 s on its own; no reload.
        await page.WaitForFunctionAsync(
            "before => Number(document.querySelector('[data-testid=metric-requests]').textContent) >= before + 25",
            before, new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs, PollingInterval = 250 })
            .WaitAsync(WebAppFixture.RequestTimeout);
        await Expect(page.GetByTestId("metric-p95")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? ms$"));
        await Expect(page.GetByTestId("detailed-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("healthy|degraded|unhealthy"));
        await Expect(page.GetByTestId("health-checks").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator(".chart polyline").First).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"\d+,\d+.* \d+,\d+"));
        await WebAppFixture.ScreenshotAsync(page, "metrics");
    }
}
