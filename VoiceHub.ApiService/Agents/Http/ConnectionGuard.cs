using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>
/// The http agent's connect step (SocketsHttpHandler.ConnectCallback): the host and port must be
/// allow-listed, the name is resolved here, every address that is not public is dropped unless it is
/// listed itself, and the socket connects to an address that passed. The check and the connection use
/// the same answer, so a name that resolves to a public address when checked and to 127.0.0.1 a moment
/// later (DNS rebinding) cannot reach anything private.
/// </summary>
public sealed class ConnectionGuard(IOptions<HttpAgentOptions> options, IHostAddressResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        if (!settings.IsAllowed(host, port))
        {
            throw new AddressRefusedException(
                $"'{host}:{port}' is not allowed: the http agent only connects to entries of {HttpAgentOptions.SectionName}:AllowedHosts.");
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"'{host}' has no addresses.");
        }

        var usable = addresses.Where(a => NetworkAddresses.IsPublic(a) || settings.AllowsAddress(a, port)).ToList();
        if (usable.Count == 0)
        {
            throw new AddressRefusedException(
                $"'{host}' resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, a private, loopback or otherwise " +
                $"non-public address; list that address with its port in {HttpAgentOptions.SectionName}:AllowedHosts to allow it.");
        }

        return await ConnectToFirstAsync(usable, port, cancellationToken);
    }

    internal static async Task<Stream> ConnectToFirstAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
