using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;

namespace VoiceHub.Tests.Identity;

/// <summary>Principals for identity tests: keys created through the API, and the frontend acting for a user.</summary>
internal static class Callers
{
    /// <summary>Creates a key as the bootstrap admin for <paramref name="owner"/>; returns its secret and id.</summary>
    public static async Task<(string Secret, string Id)> CreateKeyAsync(ApiFactory api, string role, string owner)
    {
        using var admin = api.CreateClient();
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"{role} of {owner}", role, owner });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("secret").GetString()!, created.GetProperty("key").GetProperty("id").GetString()!);
    }

    /// <summary>A client signed in with a new key of <paramref name="role"/> owned by <paramref name="owner"/>.</summary>
    public static async Task<HttpClient> WithRoleAsync(ApiFactory api, string role, string owner)
    {
        var (secret, _) = await CreateKeyAsync(api, role, owner);
        return TestIdentity.SignIn(api.CreateClient(), secret);
    }

    /// <summary>A client with the frontend's key, acting for <paramref name="user"/> (no user: the bare frontend key).</summary>
    public static HttpClient Frontend(ApiFactory api, string? user = null, string role = "operator")
    {
        var client = TestIdentity.SignIn(api.CreateClient(), TestIdentity.FrontendKey);
        if (user is not null)
        {
            ActFor(client, user, role);
        }

        return client;
    }

    public static HttpClient ActFor(HttpClient client, string user, string role)
    {
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfHeader, user);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfRoleHeader, role);
        return client;
    }
}
