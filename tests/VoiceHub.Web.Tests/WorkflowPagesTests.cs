using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

[Collection(WebAppCollection.Name)]
public sealed class WorkflowPagesTests(WebAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const float WorkflowTimeoutMs = 60_000;

    [Fact]
    public async Task Template_form_starts_self_test_and_the_detail_page_follows_it_live_to_completed()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/templates");
        await page.GetByTestId("choose-self-test").ClickAsync();
        await Expect(page.GetByTestId("start-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#start-title")).ToBeFocusedAsync();
        await page.GetByTestId("field-delay").FillAsync("300");
        await WebAppFixture.ScreenshotAsync(page, "templates");

        await page.GetByTestId("start").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/workflows/[^/?]+$"));
        await Expect(page.GetByTestId("workflow-status").First).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        await Expect(page.GetByTestId("step")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("step-status")).ToHaveTextAsync(Enumerable.Repeat("Succeeded", 5).ToArray());
        await Expect(page.GetByTestId("step").First).ToContainTextAsync("system.echo");
        await WebAppFixture.ScreenshotAsync(page, "workflow-detail");
    }

    [Fact]
    public async Task Detail_page_renders_the_report_of_an_offline_reporting_template()
    {
        // Templates with a report step need the built-in agents; take one that needs no input.
        var templates = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/templates?limit=100").WaitAsync(WebAppFixture.RequestTimeout);
        var candidate = templates.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("available").GetBoolean())
            .Where(t => t.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("agent").GetString() == "report"))
            .Where(t => t.GetProperty("inputs").EnumerateArray().All(i => !i.GetProperty("required").GetBoolean()))
            .Select(t => t.GetProperty("id").GetString()!)
            .OrderBy(id => id == "repo-status" ? 0 : 1)
            .FirstOrDefault();
        if (candidate is null)
        {
            output.WriteLine("No available template with a report step and no required input: the report is not checked in this build.");
            return;
        }

        using var response = await fixture.Api.PostAsJsonAsync("/api/workflows", new { templateId = candidate, inputs = new { } }).WaitAsync(WebAppFixture.RequestTimeout);
        Assert.True(response.IsSuccessStatusCode, $"{candidate} answered {(int)response.StatusCode}");
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();

        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, $"/workflows/{id}");
        await Expect(page.GetByTestId("workflow-status").First).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        var report = page.GetByTestId("report");
        await Expect(report).ToBeVisibleAsync();
        await Expect(report.Locator("h1, h2, h3").Nth(1)).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(page, "workflow-report");
    }

    [Fact]
    public async Task Detail_page_shows_the_chart_of_a_data_insights_report()
    {
        var template = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/templates/data-insights").WaitAsync(WebAppFixture.RequestTimeout);
        if (!template.GetProperty("available").GetBoolean())
        {
            output.WriteLine("data-insights is not available in this build: the chart is not checked.");
            return;
        }

        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/templates?start=data-insights");
        await page.GetByTestId("field-path").FillAsync("samples/sales.csv");
        await page.GetByTestId("start").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workflows/[^/?]+$"));

        await Expect(page.GetByTestId("workflow-status").First).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        var chart = page.Locator("[data-testid=report] img, img[data-testid=chart]").First;
        await Expect(chart).ToHaveAttributeAsync("src", new Regex("^data:image/svg\\+xml;base64,"));
        Assert.True(await chart.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the chart did not load as an image");
        await chart.ScrollIntoViewIfNeededAsync();
        await WebAppFixture.ScreenshotAsync(page, "workflow-chart");
    }

    [Fact]
    public async Task Detail_page_cancels_then_retries_a_workflow_and_follows_the_new_run_to_completed()
    {
        var page = await fixture.NewPageAsync();
        var id = await fixture.StartSelfTestAsync(3_000, page);
        await WebAppFixture.GotoAsync(page, $"/workflows/{id}");
        var status = page.GetByTestId("workflow-status").First;
        await Expect(status).ToHaveTextAsync(new Regex("Pending|Running"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Canceled", new() { Timeout = WorkflowTimeoutMs });

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        await Expect(page.GetByTestId("step-status")).ToHaveTextAsync(Enumerable.Repeat("Succeeded", 5).ToArray());
    }

    [Fact]
    public async Task Template_form_shows_the_api_validation_message_at_the_field()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/templates?start=self-test");
        await Expect(page.GetByTestId("start-form")).ToBeVisibleAsync();

        await page.GetByTestId("field-delay").FillAsync("99999");
        await page.GetByTestId("start").ClickAsync();

        await Expect(page.GetByTestId("error-delay")).ToContainTextAsync("delay");
        await Expect(page.GetByTestId("field-delay")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.EndsWith("/templates?start=self-test", page.Url);
    }

    [Fact]
    public async Task Workflows_list_pages_and_filters_by_status()
    {
        // 21 finished workflows at least: more than one page of 20.
        var ids = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await fixture.StartSelfTestAsync(delayMs: 0));
        }

        await WaitFinishedAsync(ids);

        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/workflows");
        await Expect(page.GetByTestId("page-info")).ToHaveTextAsync(new Regex(@"^Page 1 of ([2-9]|[1-9][0-9]+) "));
        await Expect(page.GetByTestId("workflow-row").First).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(page, "workflows");

        await page.GetByTestId("next-page").ClickAsync();
        await Expect(page.GetByTestId("page-info")).ToHaveTextAsync(new Regex("^Page 2 of"));
        await Expect(page).ToHaveURLAsync(new Regex("page=2"));

        await page.GetByTestId("status-filter").SelectOptionAsync("Completed");
        await Expect(page).ToHaveURLAsync(new Regex("status=Completed"));
        await Expect(page.GetByTestId("page-info")).ToHaveTextAsync(new Regex("^Page 1 of"));
        await WaitForOnlyStatusAsync(page, "Completed", allowEmpty: false);

        await page.GetByTestId("status-filter").SelectOptionAsync("Failed");
        await Expect(page).ToHaveURLAsync(new Regex("status=Failed"));
        await WaitForOnlyStatusAsync(page, "Failed", allowEmpty: true);
    }

    /// <summary>Waits until the list shows only rows of <paramref name="status"/> (or says it is empty).</summary>
    private static Task WaitForOnlyStatusAsync(IPage page, string status, bool allowEmpty) =>
        page.WaitForFunctionAsync(
            """
            ([status, allowEmpty]) => {
              const rows = [...document.querySelectorAll('[data-testid=workflow-row]')];
              if (rows.length === 0) return allowEmpty && document.querySelector('[data-testid=empty]') !== null;
              return rows.every(r => r.dataset.status === status);
            }
            """,
            new object[] { status, allowEmpty }, new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs })
            .WaitAsync(WebAppFixture.RequestTimeout);

    [Fact]
    public async Task Workflows_list_in_scroll_mode_virtualises_and_fetches_api_pages_as_it_scrolls()
    {
        // More than one API page (100) of workflows, so scrolling must fetch a second one. A batch
        // spends one workflow-start permit per item (20 a minute per person): five batches of 20, each
        // sent for a person of its own (the fixture's client acts for a fresh user per request).
        for (var b = 0; b < 5; b++)
        {
            using var batch = await fixture.Api.PostAsJsonAsync("/api/workflows/batch", new
            {
                items = Enumerable.Range(0, 20).Select(_ => new { templateId = "self-test", inputs = new { delay = 0 } }).ToArray(),
            }).WaitAsync(WebAppFixture.RequestTimeout);
            Assert.True(batch.IsSuccessStatusCode, $"batch answered {(int)batch.StatusCode}");
        }

        var first = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/workflows?limit=1").WaitAsync(WebAppFixture.RequestTimeout);
        var total = first.GetProperty("total").GetInt64();
        var lastPage = (int)((total + 99) / 100);
        var oldest = (await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/workflows?limit=100&page={lastPage}").WaitAsync(WebAppFixture.RequestTimeout))
            .GetProperty("items").EnumerateArray().Last().GetProperty("number").GetInt64();

        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/workflows?limit=0");
        await Expect(page.GetByTestId("page-info")).ToContainTextAsync("as you scroll");
        await Expect(page.GetByTestId("workflow-row").First).ToBeVisibleAsync();
        var rendered = await page.GetByTestId("workflow-row").CountAsync();
        Assert.True(rendered < total, $"all {total} rows were rendered at once ({rendered})");

        var oldestRow = page.Locator("[data-testid=workflow-row]").Filter(new() { Has = page.Locator($"td:first-child:text-is('{oldest}')") });
        for (var i = 0; i < 40 && await oldestRow.CountAsync() == 0; i++)
        {
            await page.Locator(".list-scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
            await page.WaitForTimeoutAsync(250);
        }

        await Expect(oldestRow).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("workflow-row").CountAsync() < total, "virtualisation kept every row in the page");
    }

    [Fact]
    public async Task Workflows_list_shows_live_status_and_cancels_a_running_workflow()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/workflows");

        // A slow self-test (10 s per waiting step) started after the page opened: the live stream
        // announces it. The stream has no handshake to wait for, so a workflow started before the
        // page's subscription reached the API is missed; start another until one is announced.
        string? id = null;
        for (var attempt = 0; attempt < 5 && id is null; attempt++)
        {
            var candidate = await fixture.StartSelfTestAsync(10_000, page);
            try
            {
                await Expect(page.GetByTestId("new-workflows")).ToBeVisibleAsync(new() { Timeout = 4_000 });
                id = candidate;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }

        Assert.NotNull(id);
        await page.GetByTestId("new-workflows").ClickAsync();
        var row = page.Locator($"[data-testid=workflow-row]:has(a[href='workflows/{id}'])");
        await Expect(row).ToHaveAttributeAsync("data-status", new Regex("Pending|Running"));
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Cancel workflow") }).ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-status", "Canceled", new() { Timeout = WorkflowTimeoutMs });
        await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Retry workflow") })).ToBeVisibleAsync();
    }

    private async Task WaitFinishedAsync(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            await fixture.WaitFinishedAsync(id);
        }
    }
}
