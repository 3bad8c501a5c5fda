using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoiceHub.Web.Identity;

/// <summary>
/// The one-time sign-in link (<c>/login?t=…</c>), like the Aspire dashboard's: the web prints it to
/// its console at start-up; it signs in as the bootstrap admin once, within
/// <see cref="SignInLinkSettings.Lifetime"/>. One link is outstanding at a time; when it is used or has
/// expired, the next visit to the sign-in page prints a fresh one. Only its hash is kept, and a
/// presented token is compared in constant time. Off unless <c>VoiceHub:Auth:SignInLink:Enabled</c>.
/// </summary>
public sealed partial class SignInLinks(IOptions<WebAuthOptions> options, TimeProvider time, ILogger<SignInLinks> logger)
{
    private readonly Lock _gate = new();
    private byte[]? _hash;
    private DateTimeOffset _expires;

    public bool Enabled => options.Value.SignInLink.Enabled;

    /// <summary>The address the link starts with; set once the server knows where it listens.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Prints a new link when none is outstanding (first start, used, expired); returns whether it did.</summary>
    public bool EnsureOutstanding()
    {
        if (!Enabled || BaseUrl is null)
        {
            return false;
        }

        string token;
        lock (_gate)
        {
            if (_hash is not null && time.GetUtcNow() < _expires)
            {
                return false;
            }

            token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _hash = Hash(token);
            _expires = time.GetUtcNow() + options.Value.SignInLink.Lifetime;
        }

        LogLink(BaseUrl.TrimEnd('/') + "/login?t=" + token, options.Value.SignInLink.Lifetime);
        return true;
    }

    /// <summary>True once for the outstanding token while it is fresh; the token is spent either way it matched.</summary>
    public bool TryConsume(string? token)
    {
        if (!Enabled || string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        var presented = Hash(token);
        lock (_gate)
        {
            if (_hash is null || !CryptographicOperations.FixedTimeEquals(presented, _hash))
            {
                return false;
            }

            _hash = null;
            return time.GetUtcNow() < _expires;
        }
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign in to VoiceHub at {Link} (works once, for {Lifetime})")]
    private partial void LogLink(string link, TimeSpan lifetime);
}

/// <summary>Prints the first sign-in link once the server listens, at the address people open.</summary>
internal sealed class SignInLinkAnnouncer(
    SignInLinks links, IOptions<WebAuthOptions> options, Microsoft.AspNetCore.Hosting.Server.IServer server, IHostApplicationLifetime lifetime)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (links.Enabled)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                links.BaseUrl = options.Value.SignInLink.PublicUrl is { Length: > 0 } configured
                    ? configured
                    : server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
                links.EnsureOutstanding();
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
