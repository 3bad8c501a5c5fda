using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace VoiceHub.Web.Tests;

/// <summary>
/// OpenID Connect's whole round trip against a local provider (<see cref="FakeOidcProvider"/>): the web's
/// challenge, the provider's sign-in, the form it posts back to <c>/signin-oidc</c>, the web's code redemption
/// and id_token validation. An account with a hub role is signed in with its highest one; an account without
/// one is sent to the page that says to ask for a role; an id_token signed by another key is refused.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class OidcSignInTests(WebAppFixture fixture)
{
    [Fact]
    public async Task An_account_with_a_hub_role_is_signed_in_with_its_highest_role()
    {
        var account = NewAccount(["viewer", "operator", "unrelated-app-role"]);
        using var web = NewBrowser();

        using var callback = await SignInAtProviderAsync(web, account, "/workflows");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/workflows", callback.Headers.Location!.OriginalString);
        using var page = await web.GetAsync("/workflows");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("operator", WhoRole().Match(html).Groups["value"].Value);
        Assert.Equal(account.Name, WhoName().Match(html).Groups["value"].Value);
    }

    [Fact]
    public async Task An_account_without_a_hub_role_lands_on_the_ask_for_a_role_page()
    {
        var account = NewAccount(["unrelated-app-role"]);
        using var web = NewBrowser();

        using var callback = await SignInAtProviderAsync(web, account, "/workflows");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/login?error=no-role", callback.Headers.Location!.OriginalString);
        using var login = await web.GetAsync(callback.Headers.Location);
        Assert.Contains("Your account has no VoiceHub role. Ask an admin to assign you viewer, operator or admin", await login.Content.ReadAsStringAsync());
        await AssertSignedOutAsync(web);
    }

    [Fact]
    public async Task An_id_token_signed_by_another_key_is_refused()
    {
        var account = NewAccount(["admin"]) with { Forged = true };
        using var web = NewBrowser();

        using var callback = await SignInAtProviderAsync(web, account, "/workflows");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/login?error=oidc", callback.Headers.Location!.OriginalString);
        await AssertSignedOutAsync(web);
    }

    private static OidcAccount NewAccount(string[] roles)
    {
        var id = Guid.NewGuid().ToString("N");
        return new OidcAccount("oidc-" + id, "Olga " + id[..6], roles);
    }

    /// <summary>
    /// What a browser does: asks the web to sign in with the provider, signs in there as <paramref name="account"/>
    /// (login_hint), and posts the provider's answer back to the web. Returns the web's answer to that post.
    /// </summary>
    private async Task<HttpResponseMessage> SignInAtProviderAsync(HttpClient web, OidcAccount account, string returnUrl)
    {
        fixture.Oidc.Register(account);
        using var challenge = await web.GetAsync("/login/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.ToString() + "&login_hint=" + Uri.EscapeDataString(account.Subject);
        Assert.Contains("response_mode=form_post", authorize);

        using var provider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = WebAppFixture.RequestTimeout };
        using var signedIn = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var form = await signedIn.Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(FormAction().Match(form).Groups["value"].Value);
        var fields = HiddenField().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.StartsWith(new Uri(fixture.WebUrl, "/signin-oidc").ToString(), action, StringComparison.Ordinal);

        return await web.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private async Task AssertSignedOutAsync(HttpClient web)
    {
        using var workflows = await web.GetAsync("/workflows");
        Assert.Equal(HttpStatusCode.Redirect, workflows.StatusCode);
        Assert.Equal("/login", new Uri(fixture.WebUrl, workflows.Headers.Location!).AbsolutePath);
    }

    private HttpClient NewBrowser() =>
        new(new BrowserCookies { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = fixture.WebUrl,
            Timeout = WebAppFixture.RequestTimeout,
        };

    [GeneratedRegex("<form method=\"post\" action=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("data-testid=\"who-role\">(?<value>[^<]*)<")]
    private static partial Regex WhoRole();

    [GeneratedRegex("data-testid=\"who-name\">(?<value>[^<]*)<")]
    private static partial Regex WhoName();

    /// <summary>
    /// The web's cookies kept as a browser on this machine keeps them: the correlation and nonce cookies of
    /// the OIDC handler are <c>Secure</c> (SameSite=None), which browsers store and send for a loopback
    /// origin even over http, while .NET's CookieContainer would drop them there.
    /// </summary>
    private sealed class BrowserCookies : DelegatingHandler
    {
        private readonly ConcurrentDictionary<string, string> _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_cookies.IsEmpty)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                if (value.Length == 0)
                {
                    _cookies.TryRemove(name, out _);
                }
                else
                {
                    _cookies[name] = value;
                }
            }

            return response;
        }
    }
}
