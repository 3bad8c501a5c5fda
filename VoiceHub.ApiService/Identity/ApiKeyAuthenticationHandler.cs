using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>. A key is a
/// stored one (<c>vh_…</c>, looked up by its hash), the bootstrap admin key or the web frontend's
/// key; only the frontend's key may name the user it acts for (<see cref="OnBehalfOf"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string BootstrapAdminId = "bootstrap-admin";
    public const string FrontendId = "webfrontend";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await ResolveAsync(secret);
        if (principal is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        if (principal.HubRole() == HubRoles.Frontend && OnBehalfOf.Read(Request) is { } user)
        {
            if (user.Problem is not null)
            {
                return AuthenticateResult.Fail(user.Problem);
            }

            principal = HubClaims.Create(SchemeName, user.Id!, user.Role!, new Claim(HubClaims.Via, FrontendId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"VoiceHub\"";
        return Task.CompletedTask;
    }

    /// <summary>The key a request presents: a bearer token, else <c>X-Api-Key</c>.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer)
        {
            return bearer;
        }

        return request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

    private async Task<ClaimsPrincipal?> ResolveAsync(string secret)
    {
        var settings = auth.Value;
        if (Matches(secret, settings.BootstrapAdminKey))
        {
            return HubClaims.Create(SchemeName, BootstrapAdminId, HubRoles.Admin);
        }

        if (Matches(secret, settings.FrontendKey))
        {
            return HubClaims.Create(SchemeName, FrontendId, HubRoles.Frontend);
        }

        if (!secret.StartsWith(ApiKeyStore.SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        return await store.FindBySecretAsync(secret) is { } key
            ? HubClaims.Create(SchemeName, key.Owner, key.Role, new Claim(HubClaims.KeyId, key.Id))
            : null;
    }

    // Hashing first gives equal lengths, so the comparison takes the same time however much matches.
    private static bool Matches(string presented, string? configured) =>
        configured is { Length: >= AuthOptions.MinimumKeyLength } &&
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
