namespace VoiceHub.Contracts.Identity;

/// <summary>
/// <c>GET /api/me</c>: who the API takes the caller for. <see cref="Id"/> is the principal (the owner
/// recorded on what it creates), <see cref="Name"/> the key's name when a stored key was used,
/// <see cref="Via"/> <c>webfrontend</c> when the web acts for the caller.
/// </summary>
public sealed record CallerView(string Id, string Role, string? Name, string? KeyId, string? Via);

/// <summary>
/// <c>POST /api/sign-ins</c> (the web frontend's own key only): one attempt to sign in to the web,
/// for the audit trail. <see cref="Principal"/> and <see cref="Role"/> are who was signed in (null
/// when the attempt failed); <see cref="Client"/> is the browser's address as the web saw it.
/// </summary>
public sealed record SignInReport(string? Method, bool Succeeded, string? Principal = null, string? Role = null, string? Client = null);

/// <summary>The ways a person signs in to the web, as <see cref="SignInReport.Method"/> names them.</summary>
public static class SignInMethods
{
    /// <summary>The one-time link the web prints at start-up.</summary>
    public const string Link = "link";

    /// <summary>The Aspire dashboard's link to the web (local runs only): the bootstrap admin.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>An API key (or token) typed into the sign-in form, checked with <c>GET /api/me</c>.</summary>
    public const string Key = "key";

    /// <summary>OpenID Connect (Entra ID or any provider).</summary>
    public const string Oidc = "oidc";

    public static readonly string[] All = [Link, Dashboard, Key, Oidc];
}
