using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Platform;

/// <summary>
/// The one prefix of every Redis key and channel the API writes (<c>VoiceHub:Redis:KeyPrefix</c>).
/// Features add their own part below it (<c>threads:</c>, <c>cache:</c>, <c>ratelimit:</c>), so
/// one setting moves the whole hub, and tests give each run its own.
/// </summary>
public sealed class RedisKeyOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Redis";

    public string KeyPrefix { get; set; } = "voicehub:";

    /// <summary>The prefix of one feature's keys, e.g. <c>For("threads")</c> → <c>voicehub:threads:</c>.</summary>
    public string For(string feature) => KeyPrefix + feature + ":";

    public IEnumerable<string> Problems()
    {
        // Braces would change the hash tags features put after the prefix (Redis Cluster slots).
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Length > 100 || KeyPrefix.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            yield return $"KeyPrefix must be 1-100 characters without spaces or braces; got '{KeyPrefix}'.";
        }
    }
}
