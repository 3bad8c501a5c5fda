namespace VoiceHub.Contracts.Identity;

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
