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

    /// <summary>The environment a running resource was started with, as the dashboard shows it.</summary>
    private Dictionary<string, string?> Environment(string resource)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resource, out var state), $"no state for {resource}");
        return state!.Snapshot.EnvironmentVariables.Where(e => e.IsFromSpec).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First().Value);
    }
}
