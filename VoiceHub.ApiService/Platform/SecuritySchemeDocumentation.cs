using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoiceHub.ApiService.Platform;

/// <summary>
/// Declares in the OpenAPI document how callers authenticate: a bearer credential (an API key
/// <c>vh_…</c>, the bootstrap admin key, or a JWT from the configured issuer) or the <c>X-Api-Key</c>
/// header. Every route needs one of them except the few open by decision (<c>/</c>, probes, this document).
/// </summary>
internal static class SecuritySchemeDocumentation
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";

    public static OpenApiOptions AddSecuritySchemes(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (vh_…, from POST /api/keys), the bootstrap admin key, or a JWT from VoiceHub:Auth:Jwt:Authority.",
            };
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key in a header of its own, for clients that cannot send Authorization.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
            return Task.CompletedTask;
        });
}
