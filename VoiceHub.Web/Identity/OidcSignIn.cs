using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace VoiceHub.Web.Identity;

/// <summary>
/// OpenID Connect sign-in (authorization code with PKCE): the provider's <c>sub</c> becomes the
/// person's principal id, the highest hub role in <see cref="OidcSettings.RoleClaim"/> their role. An
/// account without a hub role is refused with a page that says so; every outcome is audited.
/// </summary>
public static class OidcSignIn
{
    public static void Configure(OpenIdConnectOptions options, OidcSettings settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.SignInScheme = WebIdentityExtensions.CookieScheme;
        // Plain http only for a provider on this machine (a test or a local identity server).
        options.RequireHttpsMetadata = !Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
        options.Events.OnTokenValidated = context => OnTokenValidatedAsync(context, settings);
        options.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect("/login?error=" + LoginPages.OidcFailed);
            return Task.CompletedTask;
        };
    }

    /// <summary>The highest hub role among <paramref name="values"/>, or null when none is one.</summary>
    public static string? HighestRole(IEnumerable<string> values) =>
        values.Where(HubRoles.IsUserRole).MaxBy(HubRoles.Rank);

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context, OidcSettings settings)
    {
        var api = context.HttpContext.RequestServices.GetRequiredService<IdentityApiClient>();
        var client = context.HttpContext.Connection.RemoteIpAddress?.ToString();
        var principal = context.Principal!;
        var id = principal.FindFirst("sub")?.Value;
        var role = HighestRole(principal.FindAll(settings.RoleClaim).Select(c => c.Value));
        if (id is null || !IsUsableId(id) || role is null)
        {
            await api.ReportAsync(new SignInReport(SignInMethods.Oidc, false, Client: client), context.HttpContext.RequestAborted);
            Refuse(context, LoginPages.NoRole);
            return;
        }

        if (!await api.ReportAsync(new SignInReport(SignInMethods.Oidc, true, id, role, client), context.HttpContext.RequestAborted))
        {
            Refuse(context, LoginPages.OidcFailed);
            return;
        }

        var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value;
        context.Principal = await context.HttpContext.RequestServices.GetRequiredService<WebSessions>()
            .StartAsync(WebClaims.Create(id, role, name, SignInMethods.Oidc));
    }

    // The API accepts user ids of 1-100 letters, digits and - _ . @ : (Entra ID's sub is base64url).
    private static bool IsUsableId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or ':');

    private static void Refuse(TokenValidatedContext context, string error)
    {
        context.HandleResponse();
        context.Response.Redirect("/login?error=" + error);
    }
}
