using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// <c>/api/webhooks</c>: subscriptions (the signing secret is answered once), their delivery log,
/// redelivery and enabling a disabled subscription. Everyone may read (never a secret or a payload);
/// operators manage their own subscriptions, admins every one.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/", CreateWebhook).WithJsonBody<CreateWebhookRequest>().WithName("CreateWebhook").RequireAuthorization(HubPolicies.Operator)
            .WithSummary("Subscribes a URL to hub events and answers the signing secret, the only time it is shown (201).");
        group.MapGet("/", ListWebhooks).WithName("ListWebhooks").WithSummary("Subscriptions, newest first, with their state.");
        group.MapGet("/{id}", GetWebhook).WithName("GetWebhook").WithSummary("One subscription.");
        group.MapDelete("/{id}", DeleteWebhook).WithName("DeleteWebhook").RequireAuthorization(HubPolicies.Operator).WithSummary("Deletes a subscription and its deliveries.");
        group.MapPost("/{id}/enable", EnableWebhook).WithName("EnableWebhook").RequireAuthorization(HubPolicies.Operator)
            .WithSummary("Enables a disabled subscription; its failure count starts over.");
        group.MapGet("/{id}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("Deliveries of a subscription, newest first, each with its attempts (status, response code, duration, error).");
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", Redeliver).WithName("RedeliverWebhook").RequireAuthorization(HubPolicies.Operator)
            .WithSummary("Sends a delivery that succeeded or failed again (202).");
        return app;
    }

    internal static async Task<Results<Created<CreatedWebhook>, ValidationProblem, ProblemHttpResult>> CreateWebhook(
        HttpRequest http, ClaimsPrincipal user, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateWebhookRequest>(http, 64 * 1024, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        switch (await webhooks.CreateAsync(request, user, cancellationToken))
        {
            case WebhookChange.Created created:
                http.HttpContext.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/webhooks/{created.Webhook.Webhook.Id}", created.Webhook);
            case WebhookChange.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "Invalid subscription", detail: string.Join(" ", invalid.Errors.Values.SelectMany(e => e)));
            case WebhookChange.Conflict conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many subscriptions", detail: conflict.Detail);
            default:
                throw new InvalidOperationException("Unexpected outcome of creating a subscription.");
        }
    }

    internal static async Task<Ok<IReadOnlyList<WebhookView>>> ListWebhooks(WebhookService webhooks) => TypedResults.Ok(await webhooks.ListAsync());

    internal static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> GetWebhook(string id, WebhookService webhooks) =>
        await webhooks.GetAsync(id) is { } webhook ? TypedResults.Ok(webhook) : NotFound(id);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(string id, ClaimsPrincipal user, WebhookService webhooks) =>
        await webhooks.DeleteAsync(id, user) ? TypedResults.NoContent() : NotFound(id);

    internal static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> EnableWebhook(string id, ClaimsPrincipal user, WebhookService webhooks) =>
        await webhooks.EnableAsync(id, user) is WebhookChange.Done done ? TypedResults.Ok(done.Webhook) : NotFound(id);

    internal static async Task<Results<Ok<PagedResult<WebhookDeliveryView>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        string id, string? page, string? limit, WebhookService webhooks)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        return await webhooks.DeliveriesAsync(id, request) is { } deliveries ? TypedResults.Ok(deliveries) : NotFound(id);
    }

    internal static async Task<Results<Accepted<WebhookDeliveryView>, ProblemHttpResult>> Redeliver(
        string id, string deliveryId, ClaimsPrincipal user, WebhookService webhooks) =>
        await webhooks.RedeliverAsync(id, deliveryId, user) switch
        {
            WebhookChange.Redelivered r => TypedResults.Accepted($"/api/webhooks/{id}/deliveries", r.Delivery),
            WebhookChange.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot redeliver now", detail: c.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown delivery",
                detail: $"There is no delivery '{Shorten(deliveryId)}' of a subscription '{Shorten(id)}' you may manage. GET /api/webhooks/{{id}}/deliveries lists them."),
        };

    // Someone else's subscription answers like one that does not exist, so ids cannot be probed.
    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown subscription",
        detail: $"There is no webhook subscription '{Shorten(id)}' you may manage. GET /api/webhooks lists them.");

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
