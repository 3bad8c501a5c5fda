using System.Security.Cryptography;
using System.Text;

namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>
/// Who a request counts against: its API key, else the user the web frontend forwards (every
/// browser user reaches the API through the frontend's one HttpClient, so the address alone would
/// make them share a budget), else the client address.
/// </summary>
public static class RateLimitPartitionKey
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string UserHeader = "X-VoiceHub-User";

    public static string For(HttpContext context)
    {
        if (context.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } apiKey)
        {
            return "key:" + Digest(apiKey);
        }

        if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } user)
        {
            return "user:" + Digest(user);
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    // Keys never reach Redis in clear, and any header length gives a short key.
    private static string Digest(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
