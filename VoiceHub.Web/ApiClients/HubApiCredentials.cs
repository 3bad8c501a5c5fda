namespace VoiceHub.Web.ApiClients;

/// <summary>
/// How the web signs its API calls: its service key (<c>VoiceHub:Auth:FrontendKey</c>, role
/// <c>frontend</c>) and the user it acts for. Until web sign-in exists, that user is the anonymous
/// browser (<see cref="BrowserUser"/>) with role <see cref="InterimRole"/>.
/// </summary>
public sealed class HubApiCredentials(IConfiguration configuration)
{
    public const string KeySetting = "VoiceHub:Auth:FrontendKey";
    public const string OnBehalfOfHeader = "X-VoiceHub-On-Behalf-Of";
    public const string OnBehalfOfRoleHeader = "X-VoiceHub-On-Behalf-Of-Role";

    /// <summary>What every browser user may do until people sign in to the web.</summary>
    public const string InterimRole = "operator";

    private readonly string? _key = configuration[KeySetting];

    /// <summary>Adds the frontend's key and the user it acts for to <paramref name="request"/>.</summary>
    public void Apply(HttpRequestMessage request, BrowserUser user)
    {
        if (!string.IsNullOrEmpty(_key))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _key);
        }

        request.Headers.TryAddWithoutValidation(OnBehalfOfHeader, "browser:" + user.Id);
        request.Headers.TryAddWithoutValidation(OnBehalfOfRoleHeader, InterimRole);
    }
}
