namespace VoiceHub.ApiService.Identity;

/// <summary>
/// The user the web frontend acts for: <c>X-VoiceHub-On-Behalf-Of: &lt;user id&gt;</c> and
/// <c>X-VoiceHub-On-Behalf-Of-Role: viewer|operator|admin</c>. Honoured only from the frontend's
/// key; from anyone else the headers mean nothing.
/// </summary>
public sealed record OnBehalfOf(string? Id, string? Role, string? Problem)
{
    public const string UserHeader = "X-VoiceHub-On-Behalf-Of";
    public const string RoleHeader = "X-VoiceHub-On-Behalf-Of-Role";
    public const int MaxIdLength = 100;

    /// <summary>A principal id the web may name: 1-<see cref="MaxIdLength"/> letters, digits or - _ . @ :.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or ':');

    /// <summary>Null when the request names no user; else the user, or why the headers are not acceptable.</summary>
    public static OnBehalfOf? Read(HttpRequest request)
    {
        var id = request.Headers[UserHeader].ToString();
        if (id.Length == 0)
        {
            return null;
        }

        var role = request.Headers[RoleHeader].ToString();
        if (!IsValidId(id))
        {
            return new(null, null, $"{UserHeader} must be 1-{MaxIdLength} letters, digits or - _ . @ :.");
        }

        return HubRoles.IsUserRole(role)
            ? new(id, role, null)
            : new(null, null, $"{RoleHeader} must be one of {string.Join(", ", HubRoles.UserRoles)}; got '{role}'.");
    }
}
