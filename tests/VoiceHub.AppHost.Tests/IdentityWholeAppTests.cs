using System.Net;

namespace VoiceHub.AppHost.Tests;

/// <summary>The AppHost's generated keys: the API takes the admin key, refuses strangers, and only the API learns the admin key.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class IdentityWholeAppTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task The_api_refuses_strangers_and_takes_the_admin_key_the_apphost_passed_on()
    {
        using var admin = fixture.CreateHttpClient("apiservice");
        using var stranger = TestIdentity.SignIn(fixture.CreateHttpClient("apiservice"), null);
        using var frontend = TestIdentity.SignIn(fixture.CreateHttpClient("apiservice"), fixture.Host.FrontendKey);

        using var allowed = await admin.GetAsync("/api/workflows").WaitAsync(Patience.Request);
        using var refused = await stranger.GetAsync("/api/workflows").WaitAsync(Patience.Request);
        using var actingForNobody = await frontend.GetAsync("/api/workflows").WaitAsync(Patience.Request);
        using var open = await stranger.GetAsync("/health").WaitAsync(Patience.Request);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, actingForNobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public void Only_the_api_gets_the_admin_key_and_both_get_the_frontend_key()
    {
        var api = Environment("apiservice");
        var web = Environment("webfrontend");

        Assert.Equal(fixture.Host.AdminKey, api["VoiceHub__Auth__BootstrapAdminKey"]);
        Assert.Equal(fixture.Host.FrontendKey, api["VoiceHub__Auth__FrontendKey"]);
        Assert.Equal(fixture.Host.FrontendKey, web["VoiceHub__Auth__FrontendKey"]);
        Assert.DoesNotContain("VoiceHub__Auth__BootstrapAdminKey", web.Keys);
        Assert.DoesNotContain(fixture.Host.AdminKey, web.Values);
    }

    [Fact]
    public void Run_mode_turns_on_the_sign_in_link_and_puts_a_signed_in_admin_link_in_the_dashboard()
    {
        var web = Environment("webfrontend");
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState("webfrontend", out var state));

        var dashboardLink = Assert.Single(state!.Snapshot.Urls, u => u.Url.Contains("/login?dashboard=", StringComparison.Ordinal));

        Assert.Equal("true", web["VoiceHub__Auth__SignInLink__Enabled"]);
        Assert.StartsWith("http://", web["VoiceHub__Auth__SignInLink__PublicUrl"], StringComparison.Ordinal);
        Assert.True(web["VoiceHub__Auth__DashboardKey"]!.Length >= 32);
        Assert.EndsWith("/login?dashboard=" + web["VoiceHub__Auth__DashboardKey"], dashboardLink.Url, StringComparison.Ordinal);
        Assert.NotEqual(fixture.Host.AdminKey, web["VoiceHub__Auth__DashboardKey"]);
    }

    [Fact]
    public async Task The_dashboard_link_signs_in_to_the_web_as_the_bootstrap_admin()
    {
        using var stranger = await fixture.WebClientAsync(signedIn: false);
        using var admin = await fixture.WebClientAsync(signedIn: true);

        using var refused = await stranger.GetAsync("/").WaitAsync(Patience.Request);
        using var console = await admin.GetAsync("/").WaitAsync(Patience.Request);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("bootstrap-admin", await console.Content.ReadAsStringAsync());
    }

    /// <summary>The environment a running resource was started with, as the dashboard shows it.</summary>
    private Dictionary<string, string?> Environment(string resource)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resource, out var state), $"no state for {resource}");
        return state!.Snapshot.EnvironmentVariables.Where(e => e.IsFromSpec).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First().Value);
    }
}
