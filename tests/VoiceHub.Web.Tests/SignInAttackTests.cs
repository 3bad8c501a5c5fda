using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.Web.Tests;

/// <summary>
/// Signing in to the web over plain HTTP, as a browser would and as an attacker would: every page needs
/// a signed-in person; links are one-time, forged ones fail; the dashboard link needs this run's secret;
/// keys are checked by the API; returnUrl never leaves the site; forms need their antiforgery token; a
/// tampered cookie is nobody; failures are audited and throttled.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInAttackTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("/workflows?status=Running", "%2Fworkflows%3Fstatus%3DRunning")]
    [InlineData("/audit", "%2Faudit")]
    public async Task Pages_send_strangers_to_the_sign_in_page_and_back(string path, string returnUrl)
    {
        using var web = fixture.NewWebClient();

        using var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=" + returnUrl, response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/health")]
    [InlineData("/app.css")]
    [InlineData("/manifest.webmanifest")]
    public async Task The_sign_in_page_assets_and_probes_are_open(string path)
    {
        using var web = fixture.NewWebClient();

        using var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_links_fingerprinted_stylesheets_a_browser_can_keep()
    {
        using var web = fixture.NewWebClient();

        var html = await web.GetStringAsync("/login");

        var sheets = System.Text.RegularExpressions.Regex.Matches(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, sheets.Count);
        foreach (var sheet in sheets)
        {
            Assert.Matches(@"^(app|layout)\.[a-z0-9]+\.css$", sheet); // app.css alone would be fetched again on every visit
            using var response = await web.GetAsync("/" + sheet);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_printed_sign_in_link_signs_in_once_and_a_new_one_is_printed()
    {
        using var first = fixture.NewWebClient();
        using var second = fixture.NewWebClient();
        await EnsureLinkAsync();
        var token = await fixture.LatestSignInTokenAsync();

        using var signedIn = await first.GetAsync("/login?t=" + token + "&returnUrl=%2Fworkflows");
        using var reused = await second.GetAsync("/login?t=" + token);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/workflows", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync());
        Assert.False(reused.Headers.Contains("Set-Cookie") && reused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("voicehub-session=", StringComparison.Ordinal)));
        var fresh = await Eventually.UntilAsync(_ => fixture.LatestSignInTokenAsync(), t => t != token, "a new sign-in link printed after the first was used");
        Assert.NotEqual(token, fresh);
    }

    [Theory]
    [InlineData("t=forged")]
    [InlineData("t=")]
    [InlineData("dashboard=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("dashboard=")]
    public async Task Forged_links_are_refused_and_audited(string query)
    {
        using var web = fixture.NewWebClient();

        using var response = await web.GetAsync("/login?" + query);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.GetAsync("/")).StatusCode);
        await AssertAuditedAsync(query.StartsWith('t') ? "SIGN-IN link" : "SIGN-IN dashboard", 401);
    }

    [Fact]
    public async Task The_dashboard_link_signs_in_as_the_bootstrap_admin()
    {
        using var web = fixture.NewWebClient();

        using var response = await web.GetAsync(new Uri(fixture.DashboardLink()).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await web.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("bootstrap-admin", await audit.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_signs_in_as_its_owner_and_a_wrong_key_is_refused_and_audited()
    {
        var owner = "key-person-" + Guid.NewGuid().ToString("N");
        var key = await fixture.CreateKeyAsync("viewer", owner);
        using var web = fixture.NewWebClient();

        using var wrong = await PostKeyAsync(web, "vh_" + new string('A', 43));
        using var right = await PostKeyAsync(web, key, "/templates");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("did not accept this key", await wrong.Content.ReadAsStringAsync());
        Assert.DoesNotContain("vh_AAAA", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/templates", right.Headers.Location!.OriginalString);
        Assert.Contains(owner, await (await web.GetAsync("/templates")).Content.ReadAsStringAsync());
        await AssertAuditedAsync("SIGN-IN key", 200, owner);
        await AssertAuditedAsync("SIGN-IN key", 401);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("%2F%2Fevil.example")]
    public async Task Return_urls_to_other_sites_land_on_the_console(string returnUrl)
    {
        var key = await fixture.CreateKeyAsync("viewer", "redirect-" + Guid.NewGuid().ToString("N"));
        using var web = fixture.NewWebClient();

        using var response = await PostKeyAsync(web, key, Uri.UnescapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_and_sign_out_forms_without_their_antiforgery_token_are_refused()
    {
        var key = await fixture.CreateKeyAsync("operator", "csrf-" + Guid.NewGuid().ToString("N"));
        using var attacker = fixture.NewWebClient();
        using var victim = fixture.NewWebClient();
        using var signedIn = await PostKeyAsync(victim, key);

        // A cross-site form: the right fields, but no token from this site's page.
        using var forgedSignIn = await attacker.PostAsync("/login/key", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key }));
        using var forgedSignOut = await victim.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forgedSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/templates")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var key = await fixture.CreateKeyAsync("operator", "leaver-" + Guid.NewGuid().ToString("N"));
        using var web = fixture.NewWebClient();
        using var signedIn = await PostKeyAsync(web, key);
        var page = await (await web.GetAsync("/templates")).Content.ReadAsStringAsync();
        var token = WebAppFixture.AntiforgeryField().Match(page).Groups["token"].Value;

        using var signedOut = await web.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/login?error=signed-out", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await web.GetAsync("/templates")).StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_kept_from_before_sign_out_is_nobody()
    {
        var key = await fixture.CreateKeyAsync("admin", "replayed-" + Guid.NewGuid().ToString("N"));
        var cookies = new CookieContainer();
        using var web = fixture.NewWebClient(cookies);
        using var signedIn = await PostKeyAsync(web, key);
        var stolen = cookies.GetCookies(fixture.WebUrl).Single(c => c.Name == "voicehub-session").Value;
        var page = await (await web.GetAsync("/templates")).Content.ReadAsStringAsync();
        var token = WebAppFixture.AntiforgeryField().Match(page).Groups["token"].Value;
        using var signedOut = await web.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var replay = new CookieContainer();
        replay.Add(fixture.WebUrl, new System.Net.Cookie("voicehub-session", stolen, "/"));
        using var attacker = fixture.NewWebClient(replay);

        using var response = await attacker.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", new Uri(fixture.WebUrl, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_session_cookie_is_nobody()
    {
        var key = await fixture.CreateKeyAsync("admin", "tampered-" + Guid.NewGuid().ToString("N"));
        var cookies = new CookieContainer();
        using var web = fixture.NewWebClient(cookies);
        using var signedIn = await PostKeyAsync(web, key);
        var session = cookies.GetCookies(fixture.WebUrl).Single(c => c.Name == "voicehub-session");

        session.Value = session.Value[..^4] + (session.Value.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        cookies.Add(fixture.WebUrl, new System.Net.Cookie(session.Name, session.Value, "/"));

        using var response = await web.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", new Uri(fixture.WebUrl, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_behalf_of_headers_a_browser_sends_do_not_reach_the_api()
    {
        var owner = "viewer-" + Guid.NewGuid().ToString("N");
        var key = await fixture.CreateKeyAsync("viewer", owner);
        using var web = fixture.NewWebClient();
        using var signedIn = await PostKeyAsync(web, key);
        web.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfHeader, "bootstrap-admin");
        web.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfRoleHeader, "admin");

        using var audit = await web.GetAsync("/audit");
        using var home = await web.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, audit.StatusCode);
        Assert.Equal("/forbidden?need=admin", audit.Headers.Location!.OriginalString);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"read-only\"", html);
        Assert.DoesNotContain("data-testid=\"audit-link\"", html);
    }

    [Fact]
    public async Task Too_many_failed_sign_ins_from_one_address_are_refused_for_a_while()
    {
        var key = await fixture.CreateKeyAsync("viewer", "patient-" + Guid.NewGuid().ToString("N"));
        using var web = fixture.NewWebClient();
        HttpStatusCode status;
        var attempts = 0;
        do
        {
            using var failed = await web.GetAsync("/login?t=guess-" + attempts);
            status = failed.StatusCode;
            attempts++;
        }
        while (status == HttpStatusCode.Unauthorized && attempts <= WebAppFixture.FailedSignInLimit + 1);

        using var blocked = await PostKeyAsync(web, key);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await blocked.Content.ReadAsStringAsync());
        // The window passes and the right key works again (and the next tests start with a clean slate).
        await Eventually.UntilAsync(async _ =>
        {
            using var retry = await PostKeyAsync(web, key);
            return retry.StatusCode == HttpStatusCode.Redirect;
        }, "a sign-in after the failed-attempt window", WebAppFixture.FailedSignInWindow + Patience.Request);
    }

    private async Task EnsureLinkAsync()
    {
        // Visiting the sign-in page prints a fresh link when the last one was used or expired.
        using var web = fixture.NewWebClient();
        using var page = await web.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>Opens /login for its antiforgery token, then posts the key form as the browser does.</summary>
    private static async Task<HttpResponseMessage> PostKeyAsync(HttpClient web, string key, string returnUrl = "/")
    {
        var page = await (await web.GetAsync("/login")).Content.ReadAsStringAsync();
        var token = WebAppFixture.AntiforgeryField().Match(page).Groups["token"].Value;
        return await web.PostAsync("/login/key", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = key,
            ["returnUrl"] = returnUrl,
        }));
    }

    private async Task AssertAuditedAsync(string action, int status, string? principal = null)
    {
        using var admin = fixture.AdminApi();
        await Eventually.UntilAsync(async cancellationToken =>
        {
            var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action={Uri.EscapeDataString(action)}&limit=100", cancellationToken);
            return audit.GetProperty("items").EnumerateArray().Any(e =>
                e.GetProperty("action").GetString() == action && e.GetProperty("status").GetInt32() == status &&
                (principal is null || e.GetProperty("principal").GetString() == principal));
        }, $"an audit line '{action}' {status}{(principal is null ? "" : " for " + principal)}");
    }
}
