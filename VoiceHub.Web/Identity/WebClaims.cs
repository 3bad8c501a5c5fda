using System.Security.Claims;

namespace VoiceHub.Web.Identity;

/// <summary>
/// What the web's session cookie holds about the person: their principal id (the owner the API
/// records), hub role, a name to show and how they signed in. Nothing else, and never a key.
/// </summary>
public static class WebClaims
{
    public const string Id = ClaimTypes.NameIdentifier;
    public const string Role = ClaimTypes.Role;
    public const string Name = ClaimTypes.Name;
    public const string Method = "voicehub:sign-in";

    /// <summary>The principal of the bootstrap admin key; the sign-in link and the dashboard's link sign in as it.</summary>
    public const string BootstrapAdminId = "bootstrap-admin";

    public static ClaimsPrincipal Create(string id, string role, string? name, string method) =>
        new(new ClaimsIdentity(
            [new Claim(Id, id), new Claim(Role, role), new Claim(Name, string.IsNullOrWhiteSpace(name) ? id : name), new Claim(Method, method)],
            WebIdentityExtensions.CookieScheme, Name, Role));

    /// <summary>The signed-in person's principal id, or null when nobody is signed in.</summary>
    public static string? HubId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(Id) : null;

    /// <summary>The signed-in person's hub role (viewer, operator, admin), or null.</summary>
    public static string? HubRole(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && HubRoles.IsUserRole(user.FindFirstValue(Role)) ? user.FindFirstValue(Role) : null;
}
