using System.Net;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Where deliveries may go. A target URL is http(s) without credentials; its address must be public
/// unless listed in <see cref="WebhookOptions.AllowedHosts"/>. Checked when a subscription is made
/// (a clear 400) and again at every connection (<see cref="ConnectAsync"/>), on the very addresses the
/// socket connects to, so a name that changes its answer (DNS rebinding) reaches nothing private.
/// </summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IHostAddressResolver resolver)
{
    public const int MaxUrlLength = 2000;

    /// <summary>Why <paramref name="url"/> cannot be a target, or null when it can.</summary>
    public async Task<string?> ProblemAsync(string? url, CancellationToken cancellationToken)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"url must be an absolute http or https URL of at most {MaxUrlLength} characters.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "url must not carry credentials or a fragment; the signature authenticates the hub to the receiver.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesAsync(uri.Host, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
        {
            return null; // not resolvable yet; every send checks again
        }

        var refused = addresses.Where(a => !Usable(a, uri.Port)).ToList();
        return refused.Count > 0 && refused.Count == addresses.Length ? Refusal(uri.Host, uri.Port, refused) : null;
    }

    /// <summary>The webhook client's connect step: only addresses that pass, connected to exactly.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = await AddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"'{host}' has no addresses.");
        }

        var usable = addresses.Where(a => Usable(a, port)).ToList();
        if (usable.Count == 0)
        {
            throw new AddressRefusedException(Refusal(host, port, addresses));
        }

        return await ConnectionGuard.ConnectToFirstAsync(usable, port, cancellationToken);
    }

    private bool Usable(IPAddress address, int port) => NetworkAddresses.IsPublic(address) || options.Value.AllowsAddress(address, port);

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);

    private static string Refusal(string host, int port, IEnumerable<IPAddress> addresses) =>
        $"'{host}' resolves to {string.Join(", ", addresses)}, a private, loopback, link-local or otherwise non-public address; " +
        $"list it with its port in {WebhookOptions.SectionName}:AllowedHosts (e.g. '{addresses.First()}:{port}') to allow it.";
}
