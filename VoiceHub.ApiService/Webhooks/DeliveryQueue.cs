using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>A delivery a replica holds now: which one and which attempt this is.</summary>
public sealed record ClaimedDelivery(string Id, int Attempt, string Token);

/// <summary>A delivery as the dispatcher needs it to send.</summary>
public sealed record PendingDelivery(string Id, string SubscriptionId, string EventType, string MessageId, string Body, DateTimeOffset Since);

/// <summary>How one attempt ended, to record it.</summary>
public sealed record AttemptResult(ClaimedDelivery Claim, string SubscriptionId, string Status, DateTimeOffset? NextAt, WebhookAttemptView Attempt, int Outcome);

/// <summary>
/// The durable delivery queue in Redis: deliveries are enqueued once per event and subscription, due
/// ones are claimed by any replica for a visibility timeout (a dead replica's claims come due again and
/// are retaken), and each attempt is recorded by the claim's holder only.
/// </summary>
public sealed class DeliveryQueue(IConnectionMultiplexer redis, WebhookKeys keys, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const int OutcomeFailure = 0;
    public const int OutcomeSuccess = 1;
    public const int OutcomeNeither = 2;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Enqueues a message for a subscription; with <paramref name="eventKey"/>, only the first time that event is raised for it.</summary>
    public async Task<bool> EnqueueAsync(string subscriptionId, string eventType, string body, string? eventKey)
    {
        var id = WebhookIds.NewDelivery();
        var digest = eventKey is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subscriptionId + "\n" + eventKey)));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await Db.ScriptEvaluateAsync(WebhookScripts.Enqueue,
            [keys.Raised(digest), keys.Delivery(id), keys.SubscriptionDeliveries(subscriptionId), keys.Due],
            [id, subscriptionId, eventType, WebhookIds.NewMessage(), body, now, (long)(options.Value.RetryWindow * 2).TotalSeconds,
             options.Value.DeliveriesKept, eventKey is null ? "0" : "1", keys.DeliveryPrefix]);
        return (int)result == 1;
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int count)
    {
        var now = time.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(WebhookScripts.Claim, [keys.Due],
            [now.ToUnixTimeMilliseconds(), (now + options.Value.VisibilityTimeout).ToUnixTimeMilliseconds(), count, token, keys.DeliveryPrefix]))!;
        var claims = new List<ClaimedDelivery>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            claims.Add(new ClaimedDelivery(result[i].ToString()!, (int)result[i + 1], token));
        }

        return claims;
    }

    public async Task<PendingDelivery?> ReadForSendingAsync(string id)
    {
        var f = await Db.HashGetAsync(keys.Delivery(id), ["sub", "event", "msg", "body", "since"]);
        return f[0].IsNullOrEmpty ? null
            : new PendingDelivery(id, f[0].ToString(), f[1].ToString(), f[2].ToString(), f[3].ToString(), FromMs(f[4]));
    }

    /// <summary>Records the attempt; -1 when the claim was lost meanwhile, 1 when it disabled the subscription, else 0.</summary>
    public async Task<int> CompleteAsync(AttemptResult result, string disabledReason)
    {
        var claim = result.Claim;
        var outcome = await Db.ScriptEvaluateAsync(WebhookScripts.Complete,
            [keys.Due, keys.Delivery(claim.Id), keys.Attempts(claim.Id), keys.Subscription(result.SubscriptionId)],
            [claim.Token, result.Status, result.NextAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
             JsonSerializer.Serialize(result.Attempt, HubJson.Options), result.Attempt.ResponseCode?.ToString(CultureInfo.InvariantCulture) ?? "",
             result.Attempt.Error ?? "", result.Outcome, options.Value.DisableAfterFailures, disabledReason,
             time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), claim.Id]);
        return (int)outcome;
    }

    /// <summary>1 queued again, 0 unknown, -1 still on its way.</summary>
    public async Task<int> RedeliverAsync(string id) =>
        (int)await Db.ScriptEvaluateAsync(WebhookScripts.Redeliver, [keys.Due, keys.Delivery(id)], [time.GetUtcNow().ToUnixTimeMilliseconds(), id]);

    /// <summary>One page of a subscription's deliveries, newest first, with their attempts.</summary>
    public async Task<PagedResult<WebhookDeliveryView>> ListAsync(string subscriptionId, PageRequest page)
    {
        var key = keys.SubscriptionDeliveries(subscriptionId);
        var total = await Db.SortedSetLengthAsync(key);
        var ids = page.Offset >= total ? [] : await Db.SortedSetRangeByRankAsync(key, page.Offset, page.Offset + page.Limit - 1, Order.Descending);
        var items = new List<WebhookDeliveryView>(ids.Length);
        foreach (var id in ids)
        {
            if (await GetAsync(id!) is { } view)
            {
                items.Add(view);
            }
        }

        return new PagedResult<WebhookDeliveryView>(items, page.Page, page.Limit, total);
    }

    public async Task<WebhookDeliveryView?> GetAsync(string id)
    {
        if (!WebhookIds.IsDelivery(id))
        {
            return null;
        }

        var f = await Db.HashGetAsync(keys.Delivery(id), ["sub", "event", "msg", "status", "attempts", "created", "next", "code", "error"]);
        if (f[0].IsNullOrEmpty)
        {
            return null;
        }

        var attempts = (await Db.ListRangeAsync(keys.Attempts(id))).Select(a => JsonSerializer.Deserialize<WebhookAttemptView>(a.ToString(), HubJson.Options)!).ToList();
        var status = f[3].ToString();
        return new WebhookDeliveryView(id, f[0].ToString(), f[1].ToString(), f[2].ToString(), status, (int)f[4], FromMs(f[5]),
            f[6].IsNullOrEmpty || status is WebhookDeliveryStatus.Succeeded or WebhookDeliveryStatus.Failed ? null : FromMs(f[6]),
            f[7].TryParse(out int code) ? code : null, f[8].IsNullOrEmpty ? null : f[8].ToString(), attempts);
    }

    /// <summary>Deliveries in the queue (due, waiting for a retry, or being sent) and how late the most overdue one is.</summary>
    public async Task<(long Backlog, TimeSpan? OldestOverdue)> GetBacklogAsync()
    {
        var backlog = await Db.SortedSetLengthAsync(keys.Due);
        var first = await Db.SortedSetRangeByRankWithScoresAsync(keys.Due, 0, 0);
        var overdue = first.Length == 0 ? (TimeSpan?)null : time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score);
        return (backlog, overdue > TimeSpan.Zero ? overdue : null);
    }

    private static DateTimeOffset FromMs(RedisValue value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.TryParse(out long ms) ? ms : 0);
}
