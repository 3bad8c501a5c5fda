namespace VoiceHub.ApiService.Agents.Http;

/// <summary>Settings of the http agent (section <c>VoiceHub:Agents:Http</c>).</summary>
public sealed class HttpAgentOptions
{
    public const string Section = "VoiceHub:Agents:Http";

    public static readonly IReadOnlyList<string> DefaultAllowedHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Host names (any port) the agent may call; <c>null</c> or empty means <see cref="DefaultAllowedHosts"/>.
    /// Left null here because the configuration binder appends to a pre-filled list instead of replacing it.
    /// </summary>
    public List<string>? AllowedHosts { get; set; }

    /// <summary>Bytes of the response body kept in the step's output.</summary>
    public int MaxBodyBytes { get; set; } = 4096;

    /// <summary>Bytes of a request body a step may send.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public int MaxConnectionsPerServer { get; set; } = 8;

    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> EffectiveAllowedHosts =>
        AllowedHosts is { Count: > 0 } hosts ? hosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToList() : DefaultAllowedHosts;

    public bool IsAllowed(Uri url) =>
        EffectiveAllowedHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(h, url.IdnHost, StringComparison.OrdinalIgnoreCase));
}
