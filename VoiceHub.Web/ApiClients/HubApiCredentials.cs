using System.Net.Http.Headers;
using System.Security.Claims;
using VoiceHub.Web.Identity;

namespace VoiceHub.Web.ApiClients;

/// <summary>
/// How the web signs its API calls: its service key (<c>VoiceHub:Auth:FrontendKey</c>, role
/// <c>frontend</c>) and the signed-in person it acts for (their principal id and hub role, from the
/// session cookie). Nobody signed in: no person is named, and the API refuses the frontend's key alone.
/// Headers a browser sent to the web are never copied: these two are set here and only here.
/// </summary>
public sealed class HubApiCredentials(IConfiguration configuration)
{
    public const string KeySetting = "VoiceHub:Auth:FrontendKey";
    public const string OnBehalfOfHeader = "X-VoiceHub-On-Behalf-Of";
    public const string OnBehalfOfRoleHeader = "X-VoiceHub-On-Behalf-Of-Role";

    private readonly string? _key = configuration[KeySetting];

    /// <summary>Adds the frontend's key and the person it acts for to <paramref name="request"/>.</summary>
    public void Apply(HttpRequestMessage request, ClaimsPrincipal user)
    {
        if (!string.IsNullOrEmpty(_key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        }

        if (user.HubId() is { } id && user.HubRole() is { } role)
        {
            request.Headers.TryAddWithoutValidation(OnBehalfOfHeader, id);
            request.Headers.TryAddWithoutValidation(OnBehalfOfRoleHeader, role);
        }
    }
}
