using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

/// <summary>
/// The API on a real Kestrel socket (127.0.0.1, a free port), for what TestServer does not do:
/// protocol negotiation and Kestrel's own limits. With <c>tls</c> it listens with a throwaway
/// self-signed certificate, so HTTP/2 is negotiated by ALPN.
/// </summary>
internal sealed class KestrelApi : IAsyncDisposable
{
    private readonly ApiFactory _factory;
    private readonly X509Certificate2? _certificate;

    public KestrelApi(RedisServerFixture redis, IDictionary<string, string?> settings, bool tls)
    {
        _factory = new ApiFactory(redis, settings);
        _certificate = tls ? CreateCertificate() : null;
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint =>
        {
            if (_certificate is not null)
            {
                endpoint.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = _certificate });
            }
        }));
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>A client over real sockets that trusts the throwaway certificate.</summary>
    public HttpClient CreateClient(Version? version = null) => TestIdentity.SignInAsAdmin(new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        BaseAddress = BaseAddress,
        DefaultRequestVersion = version ?? HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    });

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _certificate?.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Re-imported so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
