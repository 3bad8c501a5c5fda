using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace VoiceHub.ApiService.Identity;

/// <summary>Tokens of an OpenID Connect issuer (section <c>VoiceHub:Auth:Jwt</c>); off while <see cref="Authority"/> is empty.</summary>
public sealed class JwtSettings
{
    /// <summary>The issuer, e.g. <c>https://login.example.com/tenant/v2.0</c>; its metadata gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (this API's app id or URI).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim holding the hub role(s) (viewer, operator, admin); the highest counts.</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>The <c>Jwt</c> scheme: JwtBearer validating issuer, audience, lifetime and signature, then a hub principal from the token.</summary>
public static class JwtScheme
{
    public const string Name = "Jwt";

    /// <summary>A bearer token that is a JWT (three dot-separated parts), not one of the hub's keys.</summary>
    public static bool IsJwt(HttpRequest request) =>
        ApiKeyAuthenticationHandler.PresentedKey(request) is { } token &&
        !token.StartsWith(ApiKeyStore.SecretPrefix, StringComparison.Ordinal) &&
        token.Count(c => c == '.') == 2 &&
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static void Configure(JwtBearerOptions options, JwtSettings settings)
    {
        options.Authority = settings.Authority;
        options.Audience = settings.Audience;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.ValidIssuer = settings.Authority;
        options.TokenValidationParameters.ValidAudience = settings.Audience;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var token = context.Principal!;
                var subject = token.FindFirstValue("sub");
                var role = token.FindAll(settings.RoleClaim).Select(c => c.Value).Where(HubRoles.IsUserRole).MaxBy(HubRoles.Rank);
                if (subject is null || role is null)
                {
                    context.Fail($"The token names no subject ('sub') or no hub role ({string.Join(", ", HubRoles.UserRoles)}) in claim '{settings.RoleClaim}'.");
                    return Task.CompletedTask;
                }

                context.Principal = HubClaims.Create(Name, subject, role);
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                context.Fail("The token was refused: " + context.Exception.Message);
                return Task.CompletedTask;
            },
        };
    }
}
