namespace VoiceHub.Web.Identity;

/// <summary>
/// How people sign in to the web (section <c>VoiceHub:Auth</c>). The AppHost turns on the sign-in link
/// and the dashboard's link only in run mode (a developer's machine); a deployment has neither, and
/// people sign in with an API key or, when <see cref="Oidc"/> is configured, their organisation's account.
/// </summary>
public sealed class WebAuthOptions
{
    public const string SectionName = "VoiceHub:Auth";

    /// <summary>The web's service key for the API (role <c>frontend</c>; it acts for the signed-in person).</summary>
    public string? FrontendKey { get; set; }

    /// <summary>How long a sign-in lasts without activity (sliding; the cookie is renewed while used).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open page checks that its session still exists (signed out elsewhere: the page goes to /login).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public SignInLinkSettings SignInLink { get; set; } = new();

    /// <summary>
    /// The secret of the Aspire dashboard's link to the web (<c>/login?dashboard=…</c>), which signs in as
    /// the bootstrap admin. Set by the AppHost in run mode only, new on every run; unset: the link is off.
    /// </summary>
    public string? DashboardKey { get; set; }

    public OidcSettings Oidc { get; set; } = new();

    public FailedSignInSettings FailedSignIns { get; set; } = new();

    public const int MinimumSecretLength = 32;

    /// <summary>What is wrong with these settings, each naming its key; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        // Without its key the web would start and then refuse every sign-in ("could not be recorded").
        if (string.IsNullOrWhiteSpace(FrontendKey))
        {
            yield return $"{SectionName}:FrontendKey is required: the web's service key for the API (role frontend), the same value " +
                "the API is given; the AppHost passes its frontend-key parameter. Without it no sign-in can be recorded.";
        }
        else if (FrontendKey.Length < MinimumSecretLength)
        {
            yield return $"{SectionName}:FrontendKey must be at least {MinimumSecretLength} characters (the API refuses a shorter one).";
        }

        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromDays(30))
        {
            yield return $"{SectionName}:SessionLifetime must be between 00:01:00 and 30.00:00:00; got {SessionLifetime}.";
        }

        if (SessionCheckInterval < TimeSpan.FromSeconds(1) || SessionCheckInterval > SessionLifetime)
        {
            yield return $"{SectionName}:SessionCheckInterval must be between 00:00:01 and SessionLifetime; got {SessionCheckInterval}.";
        }

        if (DashboardKey is { Length: > 0 and < MinimumSecretLength })
        {
            yield return $"{SectionName}:DashboardKey must be at least {MinimumSecretLength} characters (or unset to turn the dashboard's link off).";
        }

        foreach (var problem in SignInLink.Problems().Concat(Oidc.Problems()).Concat(FailedSignIns.Problems()))
        {
            yield return problem;
        }
    }
}

/// <summary><c>VoiceHub:Auth:SignInLink</c>: the one-time link the web prints at start-up (off unless enabled).</summary>
public sealed class SignInLinkSettings
{
    public bool Enabled { get; set; }

    /// <summary>How long a printed link works; a used or expired link is replaced by a new one on the next visit to /login.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The address people open the web at (the AppHost passes the webfrontend endpoint); unset: the server's first address.</summary>
    public string? PublicUrl { get; set; }

    public IEnumerable<string> Problems()
    {
        if (Lifetime < TimeSpan.FromSeconds(1) || Lifetime > TimeSpan.FromDays(1))
        {
            yield return $"{WebAuthOptions.SectionName}:SignInLink:Lifetime must be between 00:00:01 and 1.00:00:00; got {Lifetime}.";
        }

        if (PublicUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return $"{WebAuthOptions.SectionName}:SignInLink:PublicUrl must be an absolute http(s) URL; got '{url}'.";
        }
    }
}

/// <summary><c>VoiceHub:Auth:Oidc</c>: OpenID Connect sign-in (Entra ID or any provider); off while Authority is empty.</summary>
public sealed class OidcSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim holding the hub role(s) (viewer, operator, admin); the highest counts, none refuses the sign-in.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Shown on the sign-in button, e.g. "Microsoft Entra ID".</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        var prefix = WebAuthOptions.SectionName + ":Oidc:";
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return $"{prefix}Authority must be an absolute URL of the issuer; got '{Authority}'.";
        }
        else if (authority.Scheme == "http" && !authority.IsLoopback)
        {
            yield return $"{prefix}Authority must use https (plain http only for a provider on this machine); got '{Authority}'.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{prefix}ClientId is required with {prefix}Authority (the app registration's client id).";
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{prefix}ClientSecret is required with {prefix}Authority (a client secret of the app registration).";
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return $"{prefix}RoleClaim must name the claim holding viewer, operator or admin (Entra ID: roles).";
        }
    }
}

/// <summary><c>VoiceHub:Auth:FailedSignIns</c>: after this many failed attempts from one address within the window, sign-ins from it are refused until the window ends.</summary>
public sealed class FailedSignInSettings
{
    public int PermitLimit { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Problems()
    {
        if (PermitLimit < 1)
        {
            yield return $"{WebAuthOptions.SectionName}:FailedSignIns:PermitLimit must be at least 1; got {PermitLimit}.";
        }

        if (Window < TimeSpan.FromSeconds(1))
        {
            yield return $"{WebAuthOptions.SectionName}:FailedSignIns:Window must be at least 00:00:01; got {Window}.";
        }
    }
}
