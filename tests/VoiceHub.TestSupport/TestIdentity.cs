using System.Net.Http.Headers;

namespace VoiceHub.TestSupport;

/// <summary>The keys test APIs start with, and how clients present them.</summary>
public static class TestIdentity
{
    public const string AdminKeySetting = "VoiceHub:Auth:BootstrapAdminKey";
    public const string FrontendKeySetting = "VoiceHub:Auth:FrontendKey";

    /// <summary>The bootstrap admin key of in-process test APIs.</summary>
    public const string AdminKey = "test-bootstrap-admin-key-0123456789abcdef";

    /// <summary>The web frontend's key of in-process test APIs.</summary>
    public const string FrontendKey = "test-frontend-service-key-0123456789abcdef";

    public const string OnBehalfOfHeader = "X-VoiceHub-On-Behalf-Of";
    public const string OnBehalfOfRoleHeader = "X-VoiceHub-On-Behalf-Of-Role";

    public static HttpClient SignInAsAdmin(HttpClient client) => SignIn(client, AdminKey);

    /// <summary>Replaces the client's credentials with <paramref name="key"/> (null: anonymous).</summary>
    public static HttpClient SignIn(HttpClient client, string? key)
    {
        client.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
