using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace VoiceHub.Web.Identity;

/// <summary>
/// People sign in to the web (cookie session; the one-time link, the dashboard's link, an API key or
/// OpenID Connect) and every page needs a signed-in person; the web then calls the API with its
/// frontend key on behalf of that person's id and role. Open: <c>/login</c>, static assets, probes.
/// </summary>
public static class WebIdentityExtensions
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = "oidc";
    public const string CookieName = "voicehub-session";

    public static IHostApplicationBuilder AddWebIdentity(this IHostApplicationBuilder builder, string apiAddress)
    {
        var services = builder.Services;
        services.AddOptions<WebAuthOptions>().BindConfiguration(WebAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebAuthOptions>, WebAuthOptionsValidation>();
        services.AddSingleton<SignInLinks>();
        services.AddHostedService<SignInLinkAnnouncer>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<LoginAssets>();
        services.AddSingleton<WebSessions>();
        services.AddHttpClient<IdentityApiClient>(client => client.BaseAddress = new(apiAddress));

        var settings = builder.Configuration.GetSection(WebAuthOptions.SectionName).Get<WebAuthOptions>() ?? new WebAuthOptions();
        var authentication = services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = settings.SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = WebSessions.ValidateAsync;
        });
        if (settings.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, options => OidcSignIn.Configure(options, settings.Oidc));
        }

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieScheme).RequireAuthenticatedUser().Build());
        foreach (var role in HubRoles.UserRoles)
        {
            authorization.AddPolicy(role, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(HubRoles.AtLeast(role)));
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenRedirect>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        return builder;
    }

    public static WebApplication UseWebIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

internal sealed class WebAuthOptionsValidation : IValidateOptions<WebAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, WebAuthOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
