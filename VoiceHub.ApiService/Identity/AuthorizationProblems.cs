using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// 401 and 403 as ProblemDetails a person can act on: 401 says how to authenticate (and why the
/// credentials sent were refused), 403 which role the route needs and which the caller has.
/// </summary>
public sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    public const string HowToAuthenticate =
        "Send an API key as 'Authorization: Bearer vh_…' (or 'X-Api-Key: vh_…'), or a token from the configured issuer. " +
        "An admin creates keys with POST /api/keys; the AppHost's 'admin-key' parameter is the first admin's key.";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message
                ?? (await context.AuthenticateAsync()).Failure?.Message;
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
                failure is null ? "This request carries no credentials. " + HowToAuthenticate : failure + " " + HowToAuthenticate);
        }
        else if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync();
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed", ForbiddenDetail(context, authorizeResult));
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    private static string ForbiddenDetail(HttpContext context, PolicyAuthorizationResult result)
    {
        var role = context.User.HubRole() ?? "none";
        if (role == HubRoles.Frontend)
        {
            return $"The web frontend's key acts only for a user: send {OnBehalfOf.UserHeader} and {OnBehalfOf.RoleHeader}.";
        }

        // A route's policy joins its group's (viewer) with its own (operator): name the strictest one failed.
        var needed = (result.AuthorizationFailure?.FailedRequirements ?? []).OfType<RolesAuthorizationRequirement>()
            .MinBy(r => r.AllowedRoles.Count())?.AllowedRoles.FirstOrDefault();
        return needed switch
        {
            null => $"Your role '{role}' does not allow this.",
            HubRoles.Frontend => "Only the web frontend's own key, acting for nobody, may do this (it reports sign-ins to the web).",
            _ => $"This needs the role '{needed}' or higher; you are '{role}'. Ask an admin for a key with that role.",
        };
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
