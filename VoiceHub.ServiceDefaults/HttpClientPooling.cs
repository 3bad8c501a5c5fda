using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Connection-pool limits of outbound HTTP (section <c>VoiceHub:HttpClient</c>).</summary>
public sealed class HttpClientPoolOptions
{
    public const string Section = "VoiceHub:HttpClient";

    /// <summary>Connections one client keeps open to one server at most; further requests queue.</summary>
    public int MaxConnectionsPerServer { get; set; } = 32;

    /// <summary>An idle pooled connection is closed after this long.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Connections are replaced after this long, so DNS changes (new replicas) are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for a TCP (and TLS) connection before the attempt fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>One pooled <see cref="SocketsHttpHandler"/> configuration for every HttpClient of a service.</summary>
public static class HttpClientPooling
{
    /// <summary>
    /// Makes the client's primary handler a <see cref="SocketsHttpHandler"/> with the pool limits of
    /// <see cref="HttpClientPoolOptions"/> (read from configuration, defaults otherwise).
    /// <c>AddServiceDefaults</c> applies it to every client; call it on a client to re-apply after
    /// another primary handler was configured.
    /// </summary>
    public static IHttpClientBuilder UsePooledConnections(this IHttpClientBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler(services =>
            CreateHandler(services.GetService<IConfiguration>()?.GetSection(HttpClientPoolOptions.Section).Get<HttpClientPoolOptions>()
                ?? new HttpClientPoolOptions()));

    /// <summary>A handler with the given pool limits; also usable for clients made by hand.</summary>
    public static SocketsHttpHandler CreateHandler(HttpClientPoolOptions options) => new()
    {
        MaxConnectionsPerServer = options.MaxConnectionsPerServer,
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        ConnectTimeout = options.ConnectTimeout,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
        // HTTP/2 servers limit streams per connection; open another connection rather than queue.
        EnableMultipleHttp2Connections = true,
    };
}
