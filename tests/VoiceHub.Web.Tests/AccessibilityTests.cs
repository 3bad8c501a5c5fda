using Deque.AxeCore.Playwright;

namespace VoiceHub.Web.Tests;

/// <summary>axe-core (Deque) on every page: no serious or critical accessibility violation.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessibilityTests(WebAppFixture fixture)
{
    public static TheoryData<string> Pages => ["/", "/workflows", "/templates?start=self-test", "/threads", "/metrics", "/hooks", "/webhooks"];

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Page_has_no_serious_accessibility_violations(string path) => AssertAccessibleAsync(path);

    [Fact]
    public async Task Workflow_detail_page_has_no_serious_accessibility_violations()
    {
        var id = await fixture.StartSelfTestAsync(delayMs: 0);
        await AssertAccessibleAsync($"/workflows/{id}");
    }

    private async Task AssertAccessibleAsync(string path)
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle).WaitAsync(WebAppFixture.RequestTimeout);

        var result = await page.RunAxe().WaitAsync(WebAppFixture.RequestTimeout);

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
