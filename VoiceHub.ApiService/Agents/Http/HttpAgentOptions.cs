using System.Net;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>Settings of the http agent and of the research agent's URL reading (section <c>VoiceHub:Agents:Http</c>).</summary>
public sealed class HttpAgentOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Agents:Http";

    /// <summary>
    /// Entries <c>host[:port]</c> the agents may call; without a port, only the scheme's default port
    /// (80, 443). Empty by default: nothing is reachable until listed. A name that resolves to a
    /// private or loopback address is refused unless that address is listed (<c>127.0.0.1:5480</c>);
    /// <c>localhost:port</c> stands for the loopback addresses.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Bytes of the response body kept in the step's output.</summary>
    public int MaxBodyBytes { get; set; } = 4096;

    /// <summary>Bytes of a request body a step may send.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public int MaxConnectionsPerServer { get; set; } = 8;

    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> EffectiveAllowedHosts => AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();

    /// <summary>Entries that are not <c>host[:port]</c>, for start-up validation.</summary>
    public IEnumerable<string> InvalidEntries => EffectiveAllowedHosts.Where(e => Parse(e) is null);

    public bool IsAllowed(Uri url) => url.Scheme is "http" or "https" && (IsAllowed(url.Host, url.Port) || IsAllowed(url.IdnHost, url.Port));

    /// <summary>Whether <paramref name="host"/>:<paramref name="port"/> is listed (no port listed: 80 or 443).</summary>
    public bool IsAllowed(string host, int port) =>
        Entries().Any(e => string.Equals(e.Host, Bare(host), StringComparison.OrdinalIgnoreCase) && PortMatches(e.Port, port));

    /// <summary>Whether a non-public <paramref name="address"/> may be reached on <paramref name="port"/>: listed itself, or loopback for a listed localhost.</summary>
    public bool AllowsAddress(IPAddress address, int port)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Entries().Any(e => PortMatches(e.Port, port) &&
            (IPAddress.TryParse(e.Host, out var listed) && listed.Equals(normalized)
             || string.Equals(e.Host, "localhost", StringComparison.OrdinalIgnoreCase) && IPAddress.IsLoopback(normalized)));
    }

    /// <summary>An entry without a port stands for the web's default ports.</summary>
    private static bool PortMatches(int? listed, int port) => listed is { } p ? p == port : port is 80 or 443;

    private IEnumerable<(string Host, int? Port)> Entries() => EffectiveAllowedHosts.Select(Parse).OfType<(string, int?)>();

    private static (string Host, int? Port)? Parse(string entry)
    {
        if (entry.Contains('/') || entry.Contains('@') || entry.Contains('*') || !Uri.TryCreate($"http://{entry}", UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/" || uri.Host.Length == 0)
        {
            return null;
        }

        var explicitPort = entry.EndsWith($":{uri.Port}", StringComparison.Ordinal);
        return (Bare(uri.Host), explicitPort ? uri.Port : null);
    }

    private static string Bare(string host) => host.Trim('[', ']');

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes is < 1 or > 1024 * 1024) yield return "MaxBodyBytes must be 1..1048576.";
        if (MaxConnectionsPerServer < 1) yield return "MaxConnectionsPerServer must be 1 or more.";
        if (InvalidEntries.Any()) yield return "AllowedHosts entries must be host or host:port (no scheme, path or wildcard).";
    }
}
