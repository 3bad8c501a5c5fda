using System.Security.Cryptography;
using System.Text;
using VoiceHub.ApiService.Identity;

namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>
/// Who a request counts against: the authenticated principal (the user, when the web frontend acts
/// for one, so browser users do not share the frontend's budget), else the client address.
/// Headers a caller merely sends count for nothing: only what authentication established does.
/// </summary>
public static class RateLimitPartitionKey
{
    public static string For(HttpContext context)
    {
        if (context.User.HubId() is { Length: > 0 } principal)
        {
            return "principal:" + Digest(principal);
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    // Ids never reach Redis in clear, and any id length gives a short key.
    private static string Digest(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
