using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Identity;

/// <summary>Who may call the API (section <c>VoiceHub:Auth</c>): bootstrap keys, key lifetimes, JWT issuer, audit size.</summary>
public sealed class AuthOptions : IValidatedOptions
{
    public const int MinimumKeyLength = 32;

    public static string SectionName => "VoiceHub:Auth";

    /// <summary>Accepted as an admin's bearer key (the AppHost generates it); empty: only stored keys and JWTs are accepted.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>The web frontend's service key: the only caller whose on-behalf-of headers are honoured.</summary>
    public string? FrontendKey { get; set; }

    /// <summary>Lifetime of a new API key when the request names none.</summary>
    public TimeSpan DefaultKeyLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Longest lifetime a new API key may ask for.</summary>
    public TimeSpan MaxKeyLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Bearer tokens of an OpenID Connect issuer, accepted besides API keys when <c>Authority</c> is set.</summary>
    public JwtSettings Jwt { get; set; } = new();

    /// <summary>Entries the audit trail keeps (a Redis stream, trimmed approximately); the oldest go first.</summary>
    public int AuditMaxEntries { get; set; } = 100_000;

    public IEnumerable<string> Problems()
    {
        if (Jwt.Enabled && (string.IsNullOrWhiteSpace(Jwt.Audience) || string.IsNullOrWhiteSpace(Jwt.RoleClaim)))
        {
            yield return "Jwt:Audience and Jwt:RoleClaim are required when Jwt:Authority is set.";
        }

        if (AuditMaxEntries < 100)
        {
            yield return $"AuditMaxEntries must be at least 100; got {AuditMaxEntries}.";
        }

        if (BootstrapAdminKey is { Length: > 0 and < MinimumKeyLength })
        {
            yield return $"BootstrapAdminKey must be at least {MinimumKeyLength} characters (or empty to turn it off).";
        }

        if (FrontendKey is { Length: > 0 and < MinimumKeyLength })
        {
            yield return $"FrontendKey must be at least {MinimumKeyLength} characters (or empty to turn it off).";
        }

        if (!string.IsNullOrEmpty(FrontendKey) && FrontendKey == BootstrapAdminKey)
        {
            yield return "FrontendKey and BootstrapAdminKey must differ.";
        }

        if (DefaultKeyLifetime < TimeSpan.FromMinutes(1) || MaxKeyLifetime < DefaultKeyLifetime)
        {
            yield return "DefaultKeyLifetime must be at least 1 minute and MaxKeyLifetime at least DefaultKeyLifetime.";
        }
    }
}
