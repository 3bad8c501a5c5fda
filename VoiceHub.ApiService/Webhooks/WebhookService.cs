using System.Security.Claims;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform.Secrets;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>What happened to a subscription request; endpoints turn it into HTTP.</summary>
public abstract record WebhookChange
{
    public sealed record Created(CreatedWebhook Webhook) : WebhookChange;
    public sealed record Done(WebhookView Webhook) : WebhookChange;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : WebhookChange;
    public sealed record NotFound : WebhookChange;
    public sealed record Conflict(string Detail) : WebhookChange;
    public sealed record Redelivered(WebhookDeliveryView Delivery) : WebhookChange;
}

/// <summary>Subscriptions and their deliveries; owners manage their own, admins every one.</summary>
public sealed class WebhookService(
    WebhookStore store,
    DeliveryQueue queue,
    SubscriptionCache cache,
    WebhookTargetPolicy policy,
    SigningSecrets secrets,
    TemplateCatalog templates,
    WebhookDispatcherSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options)
{
    public const int MaxDescriptionLength = 200;

    public async Task<WebhookChange> CreateAsync(CreateWebhookRequest? request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await policy.ProblemAsync(request?.Url?.Trim(), cancellationToken) is { } urlProblem)
        {
            errors["url"] = [urlProblem];
        }

        var events = request?.Events?.Select(e => e?.Trim() ?? "").Distinct().ToList() ?? [];
        if (events.Count == 0 || events.Any(e => !HubEventTypes.All.Contains(e)))
        {
            errors["events"] = [$"events must list one or more of {string.Join(", ", HubEventTypes.All)}."];
        }

        if (request?.TemplateId is { } templateId && templates.Find(templateId) is null)
        {
            errors["templateId"] = [$"There is no template '{(templateId.Length > 60 ? templateId[..60] + "…" : templateId)}'; GET /api/templates lists them, or leave templateId out."];
        }

        if (request?.Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"description is at most {MaxDescriptionLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new WebhookChange.Invalid(errors);
        }

        var owner = user.HubId()!;
        if ((await store.ListAsync()).Count(s => s.Record.Owner == owner) >= options.Value.MaxSubscriptionsPerOwner)
        {
            return new WebhookChange.Conflict($"You hold {options.Value.MaxSubscriptionsPerOwner} subscriptions, the most one owner may; delete one first.");
        }

        var id = WebhookIds.NewSubscription();
        var secret = SigningSecrets.Create();
        var record = new WebhookRecord(id, request!.Url!.Trim(), events, request.TemplateId, request.Description?.Trim(), owner, time.GetUtcNow(),
            secrets.Protect(WebhookDispatcher.Feature, id, secret));
        await store.SaveAsync(record);
        cache.Invalidate();
        return new WebhookChange.Created(new CreatedWebhook(new WebhookSubscription(record, 0, null, null).ToView(), secret));
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync() => (await store.ListAsync()).Select(s => s.ToView()).ToList();

    public async Task<WebhookView?> GetAsync(string id) => (await store.GetAsync(id))?.ToView();

    public async Task<bool> DeleteAsync(string id, ClaimsPrincipal user)
    {
        if (await store.GetAsync(id) is not { } subscription || !user.MayManage(subscription.Record.Owner))
        {
            return false;
        }

        await store.DeleteAsync(id);
        cache.Invalidate();
        return true;
    }

    /// <summary>Enables a disabled subscription again (its failure count starts over).</summary>
    public async Task<WebhookChange> EnableAsync(string id, ClaimsPrincipal user)
    {
        if (await store.GetAsync(id) is not { } subscription || !user.MayManage(subscription.Record.Owner))
        {
            return new WebhookChange.NotFound();
        }

        await store.EnableAsync(id);
        cache.Invalidate();
        return new WebhookChange.Done((await store.GetAsync(id))!.ToView());
    }

    public async Task<PagedResult<WebhookDeliveryView>?> DeliveriesAsync(string id, Platform.PageRequest page) =>
        await store.GetAsync(id) is null ? null : await queue.ListAsync(id, page);

    /// <summary>Sends a finished delivery again (its attempts go on counting).</summary>
    public async Task<WebhookChange> RedeliverAsync(string id, string deliveryId, ClaimsPrincipal user)
    {
        if (await store.GetAsync(id) is not { } subscription || !user.MayManage(subscription.Record.Owner)
            || await queue.GetAsync(deliveryId) is not { } delivery || delivery.WebhookId != id)
        {
            return new WebhookChange.NotFound();
        }

        if (!subscription.Enabled)
        {
            return new WebhookChange.Conflict($"The subscription is disabled ({subscription.DisabledReason}); enable it first (POST /api/webhooks/{id}/enable).");
        }

        if (await queue.RedeliverAsync(deliveryId) < 0)
        {
            return new WebhookChange.Conflict($"Delivery {deliveryId} is still on its way ({delivery.Status}); it can be sent again once it has succeeded or failed.");
        }

        signal.Wake();
        return new WebhookChange.Redelivered((await queue.GetAsync(deliveryId))!);
    }
}
