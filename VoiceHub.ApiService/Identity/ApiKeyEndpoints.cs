using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// <c>/api/keys</c>: create (the secret is answered once), list (never a secret; admins see all,
/// others their own) and revoke. Admins manage every key; others create keys for themselves up to
/// their own role.
/// </summary>
public static class ApiKeyEndpoints
{
    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Identity").RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/", CreateKey).WithJsonBody<CreateApiKeyRequest>().WithName("CreateApiKey")
            .WithSummary("Creates an API key and answers its secret, the only time it is shown (201).");
        group.MapGet("/", ListKeys).WithName("ListApiKeys").WithSummary("API keys, newest first: all for admins, else the caller's own.");
        group.MapDelete("/{id}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revokes an API key at once.");
        return app;
    }

    internal static async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> CreateKey(
        HttpRequest http, ClaimsPrincipal user, ApiKeyStore store, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateApiKeyRequest>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var settings = options.Value;
        var errors = Validate(request, settings);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid key request", detail: string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        if (Refusal(request!, user) is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: refusal);
        }

        var lifetime = request!.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : settings.DefaultKeyLifetime;
        var (key, secret) = await store.CreateAsync(request.Name!.Trim(), request.Role!, request.Owner ?? user.HubId()!, time.GetUtcNow() + lifetime);
        http.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/keys/{key.Id}", new CreatedApiKey(key, secret));
    }

    internal static async Task<Results<Ok<PagedResult<ApiKeyView>>, ValidationProblem>> ListKeys(
        [FromQuery] string? page, [FromQuery] string? limit, [FromQuery] string? owner, ClaimsPrincipal user, ApiKeyStore store)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        // Others see their own keys whatever they ask for: an owner filter is an admin's tool.
        return TypedResults.Ok(await store.ListAsync(request, user.IsAdmin() ? owner : user.HubId()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(string id, ClaimsPrincipal user, ApiKeyStore store)
    {
        // Someone else's key answers like a key that does not exist, so ids cannot be probed.
        if (await store.GetAsync(id) is not { } key || !user.MayManage(key.Owner))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown key",
                detail: $"You have no API key '{id}'. GET /api/keys lists yours.");
        }

        await store.RevokeAsync(key);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(CreateApiKeyRequest? request, AuthOptions settings)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Name?.Trim() is not { Length: > 0 and <= MaxNameLength })
        {
            errors["name"] = [$"name is required, 1-{MaxNameLength} characters, saying what the key is for."];
        }

        if (!HubRoles.IsUserRole(request?.Role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", HubRoles.UserRoles)}; got '{request?.Role}'."];
        }

        if (request?.Owner is { } owner && (owner.Length is 0 or > OnBehalfOf.MaxIdLength))
        {
            errors["owner"] = [$"owner must be 1-{OnBehalfOf.MaxIdLength} characters."];
        }

        var maxDays = (int)settings.MaxKeyLifetime.TotalDays;
        if (request?.ExpiresInDays is { } days && (days < 1 || days > maxDays))
        {
            errors["expiresInDays"] = [$"expiresInDays must be 1-{maxDays}; got {days}."];
        }

        return errors;
    }

    private static string? Refusal(CreateApiKeyRequest request, ClaimsPrincipal user)
    {
        // Web users are anonymous browsers until web sign-in exists: they must not turn a visit into
        // a lasting credential.
        if (user.HasClaim(c => c.Type == HubClaims.Via))
        {
            return "Keys are not created through the web yet; ask an admin for one, or use a key or token you hold.";
        }

        if (user.IsAdmin())
        {
            return null;
        }

        if (request.Owner is { } owner && owner != user.HubId())
        {
            return "Only an admin creates keys for someone else; leave owner out to create one for yourself.";
        }

        return HubRoles.Rank(request.Role) > HubRoles.Rank(user.HubRole())
            ? $"A key can have at most your own role '{user.HubRole()}'; ask an admin for a '{request.Role}' key."
            : null;
    }
}
