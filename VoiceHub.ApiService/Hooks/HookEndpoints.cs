using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Hooks;

/// <summary>
/// <c>/api/hooks</c>: create (the secret is answered once), list, read, pause, resume, delete.
/// Everyone may read hooks (never a secret); operators manage their own, admins every hook.
/// </summary>
public static class HookEndpoints
{
    public static IEndpointRouteBuilder MapHookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hooks").WithTags("Hooks").RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/", CreateHook).WithJsonBody<CreateHookRequest>().WithName("CreateHook").RequireAuthorization(HubPolicies.Operator)
            .WithSummary("Creates an inbound hook and answers its URL and secret, the only time the secret is shown (201).");
        group.MapGet("/", ListHooks).WithName("ListHooks").WithSummary("Hooks, newest first, with their latest deliveries.");
        group.MapGet("/{id}", GetHook).WithName("GetHook").WithSummary("One hook with its latest deliveries.");
        group.MapPost("/{id}/pause", PauseHook).WithName("PauseHook").RequireAuthorization(HubPolicies.Operator)
            .WithSummary("Pauses a hook: deliveries answer 404 until it is resumed.");
        group.MapPost("/{id}/resume", ResumeHook).WithName("ResumeHook").RequireAuthorization(HubPolicies.Operator).WithSummary("Resumes a paused hook.");
        group.MapDelete("/{id}", DeleteHook).WithName("DeleteHook").RequireAuthorization(HubPolicies.Operator).WithSummary("Deletes a hook.");
        return app;
    }

    internal static async Task<Results<Created<CreatedHook>, ValidationProblem, ProblemHttpResult>> CreateHook(
        HttpRequest http, ClaimsPrincipal user, HookService hooks, IOptions<HookOptions> options, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateHookRequest>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        switch (await hooks.CreateAsync(request, user, BaseUrl(http, options.Value)))
        {
            case HookChange.Created created:
                http.HttpContext.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/hooks/{created.Hook.Hook.Id}", created.Hook);
            case HookChange.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "Invalid hook", detail: string.Join(" ", invalid.Errors.Values.SelectMany(e => e)));
            case HookChange.Refused refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many hooks", detail: refused.Detail);
            default:
                throw new InvalidOperationException("Unexpected outcome of creating a hook.");
        }
    }

    internal static async Task<Ok<IReadOnlyList<HookView>>> ListHooks(HttpRequest http, HookService hooks, IOptions<HookOptions> options) =>
        TypedResults.Ok(await hooks.ListAsync(BaseUrl(http, options.Value)));

    internal static async Task<Results<Ok<HookView>, ProblemHttpResult>> GetHook(string id, HttpRequest http, HookService hooks, IOptions<HookOptions> options) =>
        await hooks.GetAsync(id, BaseUrl(http, options.Value)) is { } hook ? TypedResults.Ok(hook) : NotFound(id);

    internal static Task<Results<Ok<HookView>, ProblemHttpResult>> PauseHook(string id, HttpRequest http, ClaimsPrincipal user, HookService hooks, IOptions<HookOptions> options) =>
        SetPausedAsync(id, true, http, user, hooks, options.Value);

    internal static Task<Results<Ok<HookView>, ProblemHttpResult>> ResumeHook(string id, HttpRequest http, ClaimsPrincipal user, HookService hooks, IOptions<HookOptions> options) =>
        SetPausedAsync(id, false, http, user, hooks, options.Value);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteHook(string id, ClaimsPrincipal user, HookService hooks) =>
        await hooks.DeleteAsync(id, user) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<Results<Ok<HookView>, ProblemHttpResult>> SetPausedAsync(
        string id, bool paused, HttpRequest http, ClaimsPrincipal user, HookService hooks, HookOptions options) =>
        await hooks.SetPausedAsync(id, paused, user, BaseUrl(http, options)) is HookChange.Done done ? TypedResults.Ok(done.Hook) : NotFound(id);

    /// <summary>Where senders reach this API: the configured public address, else this request's.</summary>
    internal static string BaseUrl(HttpRequest http, HookOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{http.Scheme}://{http.Host}";

    // Someone else's hook answers like one that does not exist, so ids cannot be probed.
    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown hook",
        detail: $"There is no hook '{(id.Length > 40 ? id[..40] + "…" : id)}' you may manage. GET /api/hooks lists them.");
}
