using System.Security.Claims;

namespace VoiceHub.ApiService.Identity;

/// <summary>Names of the authorization policies (<c>RequireAuthorization(HubPolicies.Operator)</c>), one per role.</summary>
public static class HubPolicies
{
    public const string Viewer = HubRoles.Viewer;
    public const string Operator = HubRoles.Operator;
    public const string Admin = HubRoles.Admin;

    /// <summary>Only the web frontend's own key (acting for nobody): it reports sign-ins to the audit trail.</summary>
    public const string Frontend = HubRoles.Frontend;
}

/// <summary>Claims the API puts on a principal, and how code reads them.</summary>
public static class HubClaims
{
    /// <summary>The principal's id: the owner recorded on what it creates.</summary>
    public const string Id = ClaimTypes.NameIdentifier;
    public const string Role = ClaimTypes.Role;

    /// <summary>Id of the API key used, when one was.</summary>
    public const string KeyId = "voicehub:key";

    /// <summary>Set when the web frontend acts for the user: the frontend's id.</summary>
    public const string Via = "voicehub:via";

    public static string? HubId(this ClaimsPrincipal user) => user.FindFirstValue(Id);

    public static string? HubRole(this ClaimsPrincipal user) => user.FindFirstValue(Role);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.HubRole() == HubRoles.Admin;

    /// <summary>True when the principal is an admin or <paramref name="owner"/>.</summary>
    public static bool MayManage(this ClaimsPrincipal user, string? owner) =>
        user.IsAdmin() || (owner is not null && owner == user.HubId());

    /// <summary>A principal with one id and role, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal Create(string scheme, string id, string role, params Claim[] extra) =>
        new(new ClaimsIdentity([new Claim(Id, id), new Claim(Role, role), .. extra], scheme, Id, Role));
}
