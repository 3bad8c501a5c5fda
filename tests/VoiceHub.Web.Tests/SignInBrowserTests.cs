using System.Net;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

/// <summary>
/// Signing in in Chromium as a person does (the printed link, an API key, the dashboard's link), signing
/// out, and what each role sees: a viewer no composer or start/cancel buttons, an operator no Audit
/// link, an admin the Audit page; OpenID Connect's sign-in goes to the configured provider.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInBrowserTests(WebAppFixture fixture)
{
    [Fact]
    public async Task The_printed_link_signs_in_as_admin_and_sign_out_ends_it()
    {
        var page = await NewAnonymousPageAsync();
        await page.GotoAsync("/login").WaitAsync(WebAppFixture.RequestTimeout);
        await WebAppFixture.ScreenshotAsync(page, "login");
        var token = await fixture.LatestSignInTokenAsync();

        await WebAppFixture.GotoAsync(page, "/login?t=" + token);

        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync("bootstrap-admin");
        await Expect(page.GetByTestId("who-role")).ToHaveTextAsync("admin");
        await Expect(page.GetByTestId("audit-link")).ToBeVisibleAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("login-message")).ToHaveTextAsync("You have signed out.");
        await page.GotoAsync("/workflows").WaitAsync(WebAppFixture.RequestTimeout);
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fworkflows$"));
    }

    [Fact]
    public async Task A_viewer_signed_in_with_a_key_sees_no_composer_and_no_start_or_cancel_buttons()
    {
        var owner = "vera-" + Guid.NewGuid().ToString("N");
        var key = await fixture.CreateKeyAsync("viewer", owner);
        var running = await fixture.StartSelfTestAsync(delayMs: 10_000);
        var page = await NewAnonymousPageAsync();
        await page.GotoAsync("/workflows").WaitAsync(WebAppFixture.RequestTimeout);

        await page.GetByTestId("key").FillAsync(key);
        await page.GetByTestId("key-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workflows$"));
        await WebAppFixture.GotoAsync(page, "/");

        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync(owner);
        await Expect(page.GetByTestId("who-role")).ToHaveTextAsync("viewer");
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("command-input")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("mic")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("audit-link")).ToHaveCountAsync(0);
        await WebAppFixture.GotoAsync(page, "/templates");
        await Expect(page.GetByTestId("template").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid^=choose-]")).ToHaveCountAsync(0);
        await WebAppFixture.GotoAsync(page, "/workflows/" + running);
        await Expect(page.GetByTestId("workflow-status")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToHaveCountAsync(0);
        // Schedules, hooks and webhooks: the boards are readable, the forms to make them are not shown.
        foreach (var (path, form) in new[] { ("/schedules", "schedule-form"), ("/hooks", "hook-form"), ("/webhooks", "webhook-form") })
        {
            await WebAppFixture.GotoAsync(page, path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.GetByTestId(form)).ToHaveCountAsync(0);
        }

        await WebAppFixture.GotoAsync(page, "/audit");
        await Expect(page.GetByTestId("needed-role")).ToHaveTextAsync("admin");
        await Expect(page.GetByTestId("your-role")).ToHaveTextAsync("viewer");
        await WebAppFixture.ScreenshotAsync(page, "forbidden-viewer");
    }

    [Fact]
    public async Task An_operator_sees_the_composer_and_manages_own_work_but_has_no_audit()
    {
        var page = await fixture.NewPageAsync(role: "operator");
        var own = await fixture.StartSelfTestAsync(10_000, page);

        await WebAppFixture.GotoAsync(page, "/");
        await Expect(page.GetByTestId("who-role")).ToHaveTextAsync("operator");
        await Expect(page.GetByTestId("read-only")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("command-input")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-link")).ToHaveCountAsync(0);
        await WebAppFixture.GotoAsync(page, "/workflows/" + own);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        var response = await page.GotoAsync("/audit").WaitAsync(WebAppFixture.RequestTimeout);
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(page.GetByTestId("needed-role")).ToHaveTextAsync("admin");
    }

    [Fact]
    public async Task The_dashboard_link_signs_in_an_admin_who_reads_the_audit_trail_with_filters()
    {
        var page = await NewAnonymousPageAsync();

        await WebAppFixture.GotoAsync(page, new Uri(fixture.DashboardLink()).PathAndQuery);
        await page.GetByTestId("audit-link").ClickAsync();
        await Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync();
        await page.GetByTestId("filter-action").FillAsync("SIGN-IN dashboard");
        await page.GetByTestId("filter-principal").FillAsync("bootstrap-admin");
        await page.GetByTestId("filter-apply").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("principal=bootstrap-admin"));
        await Expect(page.GetByTestId("audit-row").First).ToContainTextAsync("SIGN-IN dashboard");
        var rows = await page.GetByTestId("audit-row").AllInnerTextsAsync();
        Assert.All(rows, row => Assert.Contains("bootstrap-admin", row));
        await WebAppFixture.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task Signing_out_in_one_tab_ends_the_session_in_every_open_page()
    {
        var page = await fixture.NewPageAsync(role: "viewer");
        await WebAppFixture.GotoAsync(page, "/workflows");
        var other = await page.Context.NewPageAsync().WaitAsync(WebAppFixture.RequestTimeout);
        await WebAppFixture.GotoAsync(other, "/templates");

        await other.GetByTestId("sign-out").ClickAsync();

        await Expect(other.GetByTestId("login-message")).ToHaveTextAsync("You have signed out.");
        // The first page's circuit finds its session gone at its next check (every 2 s here) and goes to the sign-in page.
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fworkflows$"));
    }

    [Fact]
    public async Task Open_id_connect_sign_in_goes_to_the_provider_with_pkce()
    {
        using var web = fixture.NewWebClient();

        var login = await (await web.GetAsync("/login")).Content.ReadAsStringAsync();
        using var challenge = await web.GetAsync("/login/oidc?returnUrl=%2Fworkflows");

        Assert.Contains("Sign in with Test Provider", login);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(fixture.Oidc.AuthorizationEndpoint + "?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=" + FakeOidcProvider.ClientId, location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(new Uri(fixture.WebUrl, "/signin-oidc").ToString()), location);
    }

    private async Task<IPage> NewAnonymousPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        }).WaitAsync(WebAppFixture.RequestTimeout);
        context.SetDefaultTimeout(WebAppFixture.UiTimeoutMs);
        context.SetDefaultNavigationTimeout(WebAppFixture.UiTimeoutMs);
        return await context.NewPageAsync().WaitAsync(WebAppFixture.RequestTimeout);
    }
}
