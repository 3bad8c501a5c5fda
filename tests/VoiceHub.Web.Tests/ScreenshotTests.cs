using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

/// <summary>Screenshots of the pages no other test photographs, for the README and as test artifacts.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ScreenshotTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Threads_list_and_thread_page_show_a_conversation()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");
        var input = page.GetByTestId("command-input");
        await input.FillAsync("help");
        await input.PressAsync("Enter");
        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?thread="));
        var threadId = new Uri(page.Url).Query.Split("thread=")[1].Split('&')[0];

        await WebAppFixture.GotoAsync(page, "/threads");
        var link = page.Locator($"a[href='threads/{threadId}']");
        await Expect(link).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(page, "threads");

        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("help");
        // The hub keeps what was said and what it answered.
        await Expect(page.GetByTestId("message").First).ToContainTextAsync("help");
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(2);

        await WebAppFixture.ScreenshotAsync(page, "thread");
    }
}
