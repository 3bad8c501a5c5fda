using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace VoiceHub.Web.Identity;

/// <summary>
/// A signed-in person opening a page their role does not allow goes to <c>/forbidden?need=&lt;role&gt;</c>,
/// which says which role it needs; everyone else is handled as usual (strangers go to /login).
/// </summary>
public sealed class ForbiddenRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.Redirect("/forbidden?need=" + NeededRole(authorizeResult));
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string NeededRole(PolicyAuthorizationResult result) =>
        (result.AuthorizationFailure?.FailedRequirements ?? []).OfType<RolesAuthorizationRequirement>()
            .MinBy(r => r.AllowedRoles.Count())?.AllowedRoles.FirstOrDefault() is { } role && HubRoles.IsUserRole(role)
            ? role
            : HubRoles.Viewer;
}
