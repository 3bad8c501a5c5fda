using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests.Mobile;

/// <summary>VoiceHub held in one hand: the menu reaches every page, and push-to-talk works under a thumb.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Menu_opens_with_a_button_and_reaches_every_page()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        await WebAppFixture.GotoAsync(page, "/");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var nav = page.Locator("#main-nav");
        await Expect(menu).ToHaveAttributeAsync("aria-controls", "main-nav");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(nav).ToBeHiddenAsync();

        // Keyboard: Enter opens, Escape closes and gives the focus back to the button.
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(nav).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).ToBeFocusedAsync();

        var links = await nav.Locator("a").AllAsync();
        Assert.NotEmpty(links);
        var targets = new List<(string Name, string Href)>();
        foreach (var link in links)
        {
            targets.Add(((await link.TextContentAsync())!.Trim(), (await link.GetAttributeAsync("href"))!));
        }

        foreach (var (name, href) in targets)
        {
            await menu.TapAsync();
            await Expect(nav).ToBeVisibleAsync();
            await nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).TapAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href.TrimStart('/')) + @"(\?.*)?$"));
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(nav.Locator("a.active")).ToHaveTextAsync(name);
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(nav).ToBeHiddenAsync();
        }
    }

    [Fact]
    public async Task Holding_push_to_talk_sends_the_command_and_shows_a_live_workflow_card()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone,
            initScript: FakeSpeech.Script("run the self test") + FakeSpeech.RecordSpoken);
        await WebAppFixture.GotoAsync(page, "/");
        var mic = page.GetByTestId("mic");
        await Expect(mic).ToBeEnabledAsync();
        await page.GetByTestId("speak-toggle").TapAsync();
        await Expect(page.GetByTestId("speak-toggle")).ToBeCheckedAsync();

        // Within thumb reach: the button is large and in the bottom part of the screen.
        var box = (await mic.BoundingBoxAsync())!;
        Assert.True(box.Height >= 44, $"push-to-talk is {box.Height} px tall");
        Assert.True(box.Y + box.Height / 2 > 844 / 2, $"push-to-talk sits at y={box.Y}, in the top half of the screen");

        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(mic).ToHaveAttributeAsync("data-holding", "");
        await Expect(page.GetByTestId("interim")).ToHaveTextAsync("run the");
        await page.Mouse.UpAsync();

        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new Regex("run the self test"));
        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__speechStarts"));
        await page.WaitForFunctionAsync("() => window.__spoken.length > 0", null,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs }).WaitAsync(WebAppFixture.RequestTimeout);
        var card = page.GetByTestId("workflow-card").Last;
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("workflow-status")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });

        // The viewport, not the full page: what a person holding the phone sees, composer at the bottom.
        await Screens.PhotographAsync(page, "phone-console", fullPage: false);
    }

    [Fact]
    public async Task Tapping_push_to_talk_toggles_listening()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone, initScript: FakeSpeech.Script("what can you do"));
        await WebAppFixture.GotoAsync(page, "/");
        var mic = page.GetByTestId("mic");
        await Expect(mic).ToBeEnabledAsync();

        await mic.TapAsync();

        // A tap keeps listening after the finger is lifted; the recogniser then hears and sends.
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new Regex("what can you do"));
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
    }
}
