using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using VoiceHub.Web.Identity;

namespace VoiceHub.Web.Tests.Unit;

/// <summary>A fixed authentication state, as the web's cookie gives one to prerendering and circuits.</summary>
internal sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
{
    public static SignedIn Nobody => new(new ClaimsPrincipal(new ClaimsIdentity()));

    public static SignedIn As(string id, string role) => new(WebClaims.Create(id, role, id, SignInMethods.Key));

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
}
