using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CurrentCaller>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Viewer, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Viewer)))
            .AddPolicy(HubPolicies.Operator, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Operator)))
            .AddPolicy(HubPolicies.Admin, policy => policy.RequireRole(HubRoles.AtLeast(HubRoles.Admin)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(HubRoles.AtLeast(HubRoles.Viewer)).Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        return builder;
    }

    /// <summary>Authentication, then authorization; call after UsePlatform and before UsePerformance (rate limits count per principal).</summary>
    public static WebApplication UseIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.MapApiKeyEndpoints();
        return app;
    }
}
