using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VoiceHub.Web.Identity;

/// <summary>
/// Web sign-ins as records in Redis (<c>voicehub:web:sessions:&lt;id&gt;</c>, expiring with the session),
/// so signing out ends a session everywhere: the cookie names its session, every request and every
/// open page (<see cref="SessionRevalidation"/>) checks the record is still there, and sign-out deletes it.
/// Shared by all web replicas.
/// </summary>
public sealed class WebSessions(IConnectionMultiplexer redis, IOptions<WebAuthOptions> options)
{
    public const string SessionClaim = "voicehub:session";
    private const string KeyPrefix = "voicehub:web:sessions:";

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Starts a session for <paramref name="user"/> and returns the principal that names it.</summary>
    public async Task<ClaimsPrincipal> StartAsync(ClaimsPrincipal user)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await Db.StringSetAsync(KeyPrefix + id, user.HubId() ?? "", options.Value.SessionLifetime);
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(SessionClaim, id));
        return user;
    }

    /// <summary>True while the session <paramref name="user"/> names exists; it then lasts another lifetime.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal user)
    {
        if (SessionId(user) is not { } id)
        {
            return false;
        }

        return await Db.KeyExpireAsync(KeyPrefix + id, options.Value.SessionLifetime);
    }

    public Task EndAsync(ClaimsPrincipal user) =>
        SessionId(user) is { } id ? Db.KeyDeleteAsync(KeyPrefix + id) : Task.CompletedTask;

    // Ids are ours (32 lowercase hex digits); anything else in a cookie never reaches a key name.
    private static string? SessionId(ClaimsPrincipal user) =>
        user.FindFirst(SessionClaim)?.Value is { Length: 32 } id && id.All(char.IsAsciiHexDigitLower) ? id : null;

    /// <summary>The cookie handler's check on every request: a session that ended signs the browser out.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<WebSessions>();
        if (context.Principal is null || !await sessions.IsActiveAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebIdentityExtensions.CookieScheme);
        }
    }
}
