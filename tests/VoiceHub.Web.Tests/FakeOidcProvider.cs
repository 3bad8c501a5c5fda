using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace VoiceHub.Web.Tests;

/// <summary>
/// The discovery document of an OpenID Connect provider on a loopback port (no provider is called from
/// tests): enough for the web to build its sign-in redirect, which the tests then read.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "voicehub-web-tests";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public FakeOidcProvider()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Authority = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Authority);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Authority { get; }

    public string AuthorizationEndpoint => Authority + "authorize";

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var body = context.Request.Url!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Authority.TrimEnd('/'),
                    ["authorization_endpoint"] = AuthorizationEndpoint,
                    ["token_endpoint"] = Authority + "token",
                    ["jwks_uri"] = Authority + "jwks",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                "/jwks" => """{ "keys": [] }""",
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
