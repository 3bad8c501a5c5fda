using System.Security.Claims;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// The roles of the hub, lowest first: <c>viewer</c> reads, <c>operator</c> also runs and manages
/// its own work, <c>admin</c> does everything. <c>frontend</c> is the web's service key, which
/// can do nothing itself but act for a user.
/// </summary>
public static class HubRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string Frontend = "frontend";

    /// <summary>The roles a user (key, JWT, on-behalf-of) can hold, lowest first.</summary>
    public static readonly string[] UserRoles = [Viewer, Operator, Admin];

    /// <summary>0 for roles that grant nothing (frontend, unknown), else 1 (viewer) to 3 (admin).</summary>
    public static int Rank(string? role) => Array.IndexOf(UserRoles, role) + 1;

    /// <summary>The user roles at or above <paramref name="role"/>: the hierarchy, as a policy asks for it.</summary>
    public static string[] AtLeast(string role) => UserRoles[(Rank(role) - 1)..];

    public static bool IsUserRole(string? role) => Rank(role) > 0;
}

/// <summary>Names of the authorization policies (<c>RequireAuthorization(HubPolicies.Operator)</c>), one per role.</summary>
public static class HubPolicies
{
    public const string Viewer = HubRoles.Viewer;
    public const string Operator = HubRoles.Operator;
    public const string Admin = HubRoles.Admin;
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
