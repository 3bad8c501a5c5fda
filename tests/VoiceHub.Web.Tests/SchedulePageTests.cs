using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

/// <summary>The schedules page: create from the form, see next fires and last runs, pause, resume, delete; bad cron explained.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SchedulePageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_schedule_made_on_the_page_fires_shows_its_runs_and_is_paused_resumed_and_deleted()
    {
        try
        {
            await MakeFireAndRemoveAsync();
        }
        finally
        {
            // A schedule firing every two seconds must not outlive this test, whatever failed.
            await DeleteAllSchedulesAsync();
        }
    }

    private async Task MakeFireAndRemoveAsync()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/schedules");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Schedules" })).ToBeVisibleAsync();

        await page.GetByTestId("schedule-template").SelectOptionAsync("self-test");
        await page.GetByTestId("schedule-cron").FillAsync("*/2 * * * * *");
        await page.GetByTestId("schedule-zone").FillAsync("Europe/Berlin");
        await page.GetByTestId("schedule-inputs").FillAsync("{ \"delay\": 0 }");
        await page.GetByTestId("schedule-create").ClickAsync();

        var row = page.GetByTestId("schedule");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = WebAppFixture.UiTimeoutMs });
        await Expect(row.GetByTestId("schedule-next").Locator("div")).ToHaveCountAsync(3);

        // It fires every two seconds; the page shows the runs it started once reloaded.
        var lastRun = row.GetByTestId("schedule-last").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^workflow \d+$") }).First;
        for (var attempt = 0; attempt < 20 && await lastRun.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1000);
            await WebAppFixture.GotoAsync(page, "/schedules");
        }

        await Expect(lastRun).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(page, "schedules");

        await row.GetByTestId("schedule-pause").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "true");
        await Expect(row.GetByTestId("schedule-paused")).ToBeVisibleAsync();
        await row.GetByTestId("schedule-resume").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "false");
        await row.GetByTestId("schedule-delete").ClickAsync();
        await Expect(page.GetByTestId("no-schedules")).ToBeVisibleAsync();
    }

    private async Task DeleteAllSchedulesAsync()
    {
        var all = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(fixture.Api, "/api/schedules?limit=100")
            .WaitAsync(WebAppFixture.RequestTimeout);
        foreach (var schedule in all.GetProperty("items").EnumerateArray())
        {
            using var _ = await fixture.Api.DeleteAsync($"/api/schedules/{schedule.GetProperty("id").GetString()}").WaitAsync(WebAppFixture.RequestTimeout);
        }
    }

    [Fact]
    public async Task A_bad_cron_is_explained_next_to_its_field()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/schedules");

        await page.GetByTestId("schedule-template").SelectOptionAsync("repo-status");
        await page.GetByTestId("schedule-cron").FillAsync("every day at nine");
        await page.GetByTestId("schedule-zone").FillAsync("Mars/Olympus");
        await page.GetByTestId("schedule-create").ClickAsync();

        await Expect(page.GetByTestId("error-cron")).ToContainTextAsync("give five");
        await Expect(page.GetByTestId("error-timeZone")).ToContainTextAsync("IANA");
        await Expect(page.GetByTestId("schedule")).ToHaveCountAsync(0);
    }
}
