using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace VoiceHub.Web.Identity;

/// <summary>
/// An open page (a Blazor circuit) keeps the person it started with; this checks every
/// <see cref="WebAuthOptions.SessionCheckInterval"/> that their session still exists, and when it
/// was ended (signed out in another tab, expired) the page becomes nobody's and goes to /login.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<WebAuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.SessionCheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebSessions>().IsActiveAsync(authenticationState.User);
    }
}
