using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Identity.Audit;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// Every caller is a principal (an API key, the bootstrap admin, the web frontend acting for a
/// user) with a role; every route names the policy it needs (<see cref="HubPolicies"/>) or says
/// it is open (<c>AllowAnonymous</c>: <c>/</c>, <c>/health</c>, <c>/alive</c>, <c>/openapi/v1.json</c>).
/// A route that names nothing still gets the viewer policy (the fallback), and a guard test fails.
/// </summary>
public static class IdentityExtensions
{
    /// <summary>The default scheme: forwards to <c>ApiKey</c> or <c>Jwt</c>.</summary>
    public const string HubScheme = "VoiceHub";

    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CurrentCaller>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RecentErrors>();
        // One policy scheme picks per request: a JWT when an issuer is configured and the bearer
        // token is one, else the hub's keys. Challenges always explain the keys' way in.
        var jwt = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Jwt ?? new JwtSettings();
        var authentication = services.AddAuthentication(HubScheme)
            .AddPolicyScheme(HubScheme, "API key or JWT", options =>
            {
                options.ForwardDefaultSelector = context => jwt.Enabled && JwtScheme.IsJwt(context.Request) ? JwtScheme.Name : ApiKeyAuthenticationHandler.SchemeName;
                options.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                options.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(JwtScheme.Name, options => JwtScheme.Configure(options, jwt));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Viewer, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Viewer)))
            .AddPolicy(HubPolicies.Operator, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Operator)))
            .AddPolicy(HubPolicies.Admin, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Admin)))
            .AddPolicy(HubPolicies.Frontend, policy => policy.RequireRole(HubRoles.Frontend))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(HubRoles.AtLeast(HubRoles.Viewer)).Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        return builder;
    }

    /// <summary>The audit trail around authentication, then authorization; call after UsePlatform and before UsePerformance (rate limits count per principal).</summary>
    public static WebApplication UseIdentity(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.MapApiKeyEndpoints();
        app.MapAuditEndpoints();
        app.MapSignInEndpoints();
        return app;
    }
}
