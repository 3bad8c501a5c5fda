using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

[Collection(WebAppCollection.Name)]
public sealed class ConsoleTests(WebAppFixture fixture)
{
    private const float WorkflowTimeoutMs = 60_000;

    [Fact]
    public async Task Typed_command_shows_a_workflow_card_that_completes_without_reload()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await SendAsync(page, "run the self test");

        var card = page.GetByTestId("workflow-card").Last;
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("workflow-status")).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Contains("thread=", page.Url);
        await WebAppFixture.ScreenshotAsync(page, "console");
    }

    [Fact]
    public async Task Retried_workflow_card_follows_the_new_run_past_the_earlier_runs_end()
    {
        var page = await fixture.NewPageAsync();
        var id = await fixture.StartSelfTestAsync(5_000, page);
        await fixture.WaitForRunningStepAsync(id, "left");
        using (var asUser = await fixture.ApiFor(page))
        using (var cancel = await asUser.PostAsync($"/api/workflows/{id}/cancel", null).WaitAsync(WebAppFixture.RequestTimeout))
        {
            Assert.True(cancel.IsSuccessStatusCode, $"cancel answered {(int)cancel.StatusCode}");
        }

        var workflow = await fixture.WaitFinishedAsync(id);
        Assert.Equal("Canceled", workflow.GetProperty("status").GetString());
        var number = workflow.GetProperty("number").GetInt64();

        await WebAppFixture.GotoAsync(page, "/");
        await SendAsync(page, $"retry workflow {number}");

        var card = page.Locator($"[data-testid=workflow-card][data-workflow-id='{id}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("workflow-status")).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
    }

    [Fact]
    public async Task Unmatched_command_shows_suggestions_and_clicking_one_sends_it()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");

        await SendAsync(page, "please make me a sandwich with pickles");

        var suggestion = page.GetByTestId("suggestion").First;
        await Expect(suggestion).ToBeVisibleAsync();
        var example = (await suggestion.TextContentAsync())!.Trim();
        await suggestion.ClickAsync();

        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(example)));
        await Expect(page.GetByTestId("msg-hub")).ToHaveCountAsync(2);
        await WebAppFixture.ScreenshotAsync(page, "console-suggestions");
    }

    [Fact]
    public async Task Keyboard_alone_focuses_types_and_sends_with_enter_while_shift_enter_adds_a_line()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");
        await Expect(page.GetByTestId("mic")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Microphone…"));

        // Tab from the top of the page reaches the command box; focus is visible there.
        var input = page.GetByTestId("command-input");
        for (var i = 0; i < 20 && !await input.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await input.EvaluateAsync<bool>("e => e === document.activeElement"), "Tab never reached the command box");
        await page.Keyboard.TypeAsync("list");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("workflows");
        Assert.Equal("list\nworkflows", await input.InputValueAsync());

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("list\\s+workflows"));
        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await Expect(input).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Microphone_shows_interim_words_and_sends_the_final_sentence()
    {
        var page = await fixture.NewPageAsync(context => context.AddInitScriptAsync(FakeSpeech.Script("run the self test")));
        await WebAppFixture.GotoAsync(page, "/");
        var mic = page.GetByTestId("mic");
        await Expect(mic).ToBeEnabledAsync();
        await Expect(mic).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Push to talk"));

        await page.Keyboard.PressAsync("Alt+m");

        await Expect(page.GetByTestId("interim")).ToHaveTextAsync("run the");
        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("run the self test"));
        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__speechStarts"));
    }

    [Fact]
    public async Task Replies_are_spoken_only_when_speak_replies_is_on()
    {
        var page = await fixture.NewPageAsync(context => context.AddInitScriptAsync(FakeSpeech.RecordSpoken));
        await WebAppFixture.GotoAsync(page, "/");
        var toggle = page.GetByTestId("speak-toggle");
        await Expect(toggle).ToBeEnabledAsync();

        await SendAsync(page, "what can you do");
        await Expect(page.GetByTestId("msg-hub")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__spoken.length"));

        await toggle.CheckAsync();
        await SendAsync(page, "what can you do");
        await Expect(page.GetByTestId("msg-hub")).ToHaveCountAsync(2);
        var reply = (await page.GetByTestId("msg-hub").Last.Locator(".msg-text").TextContentAsync())!;
        await page.WaitForFunctionAsync("reply => window.__spoken.includes(reply)", reply,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs }).WaitAsync(WebAppFixture.RequestTimeout);
    }

    [Fact]
    public async Task Microphone_says_so_when_the_browser_can_neither_recognise_nor_record_and_typing_still_works()
    {
        var page = await fixture.NewPageAsync(context => context.AddInitScriptAsync(FakeSpeech.Unsupported + FakeSpeech.NoMicrophone));
        await WebAppFixture.GotoAsync(page, "/");

        var mic = page.GetByTestId("mic");
        await Expect(mic).ToBeDisabledAsync();
        await Expect(mic).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("No speech recognition"));
        await Expect(mic).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("type instead"));

        await SendAsync(page, "help");
        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.GetByTestId("command-input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(page.GetByTestId("msg-user").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(text)));
    }
}
