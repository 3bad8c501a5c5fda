using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoiceHub.Web.Tests;

/// <summary>
/// An OpenID Connect provider on a loopback port, enough for the web's whole authorization code flow with
/// PKCE: discovery, the provider's signing key (JWKS, a test RSA key), an authorize endpoint that signs in
/// the account named by <c>login_hint</c> (registered with <see cref="Register"/>) and answers with the
/// code as the web asked (form_post or query), and a token endpoint that checks the client's secret, the
/// redirect URI and the PKCE verifier before it returns an RS256 id_token carrying the authorize
/// request's nonce. An account may be <see cref="OidcAccount.Forged"/>: its id_token is signed by another key.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "voicehub-web-tests";
    public const string ClientSecret = "client-secret-of-the-tests";
    private const string KeyId = "fake-provider-key-1";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = KeyId };
    // Same key id, another key: what a forger without the provider's private key can sign with.
    private readonly RsaSecurityKey _foreignKey = new(RSA.Create(2048)) { KeyId = KeyId };
    private readonly ConcurrentDictionary<string, OidcAccount> _accounts = new();
    private readonly ConcurrentDictionary<string, Authorization> _codes = new();

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

    public string Issuer => Authority.TrimEnd('/');

    public string AuthorizationEndpoint => Authority + "authorize";

    /// <summary>Makes <paramref name="account"/> known; an authorize request with <c>login_hint</c> = its subject signs it in.</summary>
    public void Register(OidcAccount account) => _accounts[account.Subject] = account;

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

            try
            {
                var (status, contentType, body, location) = await AnswerAsync(context.Request);
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                if (location is not null)
                {
                    context.Response.RedirectLocation = location;
                }

                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task<(int Status, string ContentType, string Body, string? Location)> AnswerAsync(HttpListenerRequest request)
    {
        const string Json = "application/json";
        switch (request.HttpMethod, request.Url!.AbsolutePath)
        {
            case ("GET", "/.well-known/openid-configuration"):
                return (200, Json, Discovery(), null);
            case ("GET", "/jwks"):
                return (200, Json, Jwks(), null);
            case ("GET", "/authorize"):
                return Authorize(request.QueryString);
            case ("POST", "/token"):
                using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                {
                    var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
                    return Token(form) is { } tokens ? (200, Json, tokens, null) : (400, Json, """{ "error": "invalid_grant" }""", null);
                }

            default:
                return (404, Json, "{}", null);
        }
    }

    private string Discovery() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = AuthorizationEndpoint,
        ["token_endpoint"] = Authority + "token",
        ["jwks_uri"] = Authority + "jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query", "form_post" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
    });

    private string Jwks()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", use = "sig", alg = "RS256", kid = KeyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    private (int, string, string, string?) Authorize(System.Collections.Specialized.NameValueCollection query)
    {
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || query["redirect_uri"] is not { } redirectUri || query["code_challenge"] is not { } challenge
            || !_accounts.TryGetValue(query["login_hint"] ?? "", out var account))
        {
            return (400, "text/plain", "unknown client, account or request", null);
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Authorization(account, redirectUri, challenge, query["nonce"]);
        var state = query["state"] ?? "";
        if (query["response_mode"] == "form_post")
        {
            var page = $"""
                <html><body onload="document.forms[0].submit()">
                <form method="post" action="{HttpUtility.HtmlAttributeEncode(redirectUri)}">
                <input type="hidden" name="code" value="{HttpUtility.HtmlAttributeEncode(code)}" />
                <input type="hidden" name="state" value="{HttpUtility.HtmlAttributeEncode(state)}" />
                </form></body></html>
                """;
            return (200, "text/html; charset=utf-8", page, null);
        }

        return (302, "text/plain", "", $"{redirectUri}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    private string? Token(System.Collections.Specialized.NameValueCollection form)
    {
        // A code is good once, for the client it was issued to, with the verifier of its challenge.
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"] ?? "", out var authorization) || form["redirect_uri"] != authorization.RedirectUri
            || form["code_verifier"] is not { } verifier
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != authorization.CodeChallenge)
        {
            return null;
        }

        var account = authorization.Account;
        var claims = new Dictionary<string, object> { ["sub"] = account.Subject, ["name"] = account.Name, ["roles"] = account.Roles.ToArray() };
        if (authorization.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(account.Forged ? _foreignKey : _key, SecurityAlgorithms.RsaSha256),
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        _key.Rsa.Dispose();
        _foreignKey.Rsa.Dispose();
    }

    private sealed record Authorization(OidcAccount Account, string RedirectUri, string CodeChallenge, string? Nonce);
}

/// <summary>An account at <see cref="FakeOidcProvider"/>: its subject, display name and role claim values.</summary>
/// <param name="Forged">Its id_token is signed by a key that is not the provider's (same key id).</param>
public sealed record OidcAccount(string Subject, string Name, IReadOnlyList<string> Roles, bool Forged = false);
