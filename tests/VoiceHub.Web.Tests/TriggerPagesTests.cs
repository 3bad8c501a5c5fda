using System.Net;
using System.Security.Cryptography;
using System.Text;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

/// <summary>The hooks and webhooks pages against the whole app: create through the forms, see deliveries arrive, act on them.</summary>
[Collection(WebAppCollection.Name)]
public sealed class TriggerPagesTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_hook_made_on_the_page_shows_its_URL_copies_it_and_lists_the_deliveries_it_received()
    {
        var page = await fixture.NewPageAsync(context => context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]));
        await WebAppFixture.GotoAsync(page, "/hooks");

        await page.GetByTestId("hook-template").SelectOptionAsync("self-test");
        await page.GetByTestId("hook-name").FillAsync("Browser test hook");
        await page.GetByTestId("hook-mapping").FillAsync("delay = /delay");
        await page.GetByTestId("create-hook").ClickAsync();

        var secret = (await page.GetByTestId("secret").TextContentAsync())!;
        Assert.StartsWith("whsec_", secret);
        var hook = page.GetByTestId("hook").Filter(new() { HasText = "Browser test hook" });
        var url = (await hook.GetByTestId("hook-url").TextContentAsync())!;
        Assert.Matches(@"/hooks/hk_[0-9a-f]{16}$", url);

        await hook.GetByTestId("copy-url").ClickAsync();
        await Expect(hook.GetByTestId("copy-url")).ToHaveTextAsync("Copied");
        Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        using var response = await SendGitHubAsync(new Uri(url).AbsolutePath, secret, "{\"delay\": 1}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var forged = await SendGitHubAsync(new Uri(url).AbsolutePath, "whsec_not-the-secret", "{\"delay\": 1}");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        // The page reads the list again every few seconds; no reload.
        await Expect(hook.Locator("[data-testid=hook-delivery][data-status='202']")).ToBeVisibleAsync();
        await Expect(hook.Locator("[data-testid=hook-delivery][data-status='401']")).ToBeVisibleAsync();
        await Expect(hook.Locator("a[href^='workflows/']")).ToBeVisibleAsync();

        await hook.GetByTestId("toggle-pause").ClickAsync();
        await Expect(hook.GetByTestId("hook-paused")).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotAsync(page, "hooks");
    }

    [Fact]
    public async Task Hook_form_errors_show_at_their_fields()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/hooks");

        await page.GetByTestId("hook-template").SelectOptionAsync("self-test");
        await page.GetByTestId("hook-mapping").FillAsync("delay = not-a-pointer");
        await page.GetByTestId("create-hook").ClickAsync();

        await Expect(page.GetByTestId("hook-mapping-error")).ToContainTextAsync("not a JSON pointer");
        await Expect(page.GetByTestId("secret-once")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_subscription_made_on_the_page_logs_its_deliveries_and_sends_one_again_on_retry()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/webhooks");
        var description = "browser " + Guid.NewGuid().ToString("N")[..8];

        await page.GetByTestId("webhook-url").FillAsync(fixture.Receiver.Url);
        await page.GetByTestId("event-workflow.failed").UncheckAsync();
        await page.GetByTestId("webhook-template").SelectOptionAsync("self-test");
        await page.GetByTestId("webhook-description").FillAsync(description);
        await page.GetByTestId("create-webhook").ClickAsync();

        Assert.StartsWith("whsec_", await page.GetByTestId("secret").TextContentAsync());
        var subscription = page.GetByTestId("webhook").Filter(new() { HasText = fixture.Receiver.Url }).First;
        await Expect(subscription.GetByTestId("webhook-state")).ToHaveTextAsync("Enabled");

        var id = await fixture.StartSelfTestAsync(delayMs: 0);
        await fixture.WaitFinishedAsync(id);
        await Eventually.UntilAsync(async _ =>
        {
            await subscription.GetByTestId("refresh-deliveries").ClickAsync();
            return await subscription.Locator("[data-testid=delivery][data-status=succeeded]").CountAsync() > 0;
        }, "a succeeded delivery in the log");

        var before = fixture.Receiver.Received.Count;
        await subscription.Locator("[data-testid=delivery][data-status=succeeded]").First.GetByTestId("redeliver").ClickAsync();
        await Eventually.UntilAsync(_ => Task.FromResult(fixture.Receiver.Received.Count > before), "the redelivered event at the receiver");
        await Eventually.UntilAsync(async _ =>
        {
            await subscription.GetByTestId("refresh-deliveries").ClickAsync();
            return await subscription.Locator("[data-testid=delivery][data-status=succeeded] [data-testid=attempt-count]").First.TextContentAsync() == "2";
        }, "the log to show the second attempt");
        await WebAppFixture.ScreenshotAsync(page, "webhooks");
    }

    [Fact]
    public async Task A_private_address_is_refused_at_the_url_field()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/webhooks");

        await page.GetByTestId("webhook-url").FillAsync("http://169.254.169.254/latest/meta-data/");
        await page.GetByTestId("create-webhook").ClickAsync();

        await Expect(page.GetByTestId("webhook-url-error")).ToContainTextAsync("non-public");
    }

    private async Task<HttpResponseMessage> SendGitHubAsync(string path, string secret, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        return await fixture.Api.SendAsync(request).WaitAsync(WebAppFixture.RequestTimeout);
    }
}
