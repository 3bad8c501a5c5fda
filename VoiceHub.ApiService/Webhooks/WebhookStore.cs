using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>Subscriptions in Redis (see <see cref="WebhookKeys"/>): the fixed record as JSON, failures and disabling as hash fields.</summary>
public sealed class WebhookStore(IConnectionMultiplexer redis, WebhookKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task SaveAsync(WebhookRecord record)
    {
        var batch = Db.CreateTransaction();
        _ = batch.HashSetAsync(keys.Subscription(record.Id), [new("record", JsonSerializer.Serialize(record, HubJson.Options)), new("failures", 0)]);
        _ = batch.SortedSetAddAsync(keys.Subscriptions, record.Id, record.CreatedAt.ToUnixTimeMilliseconds());
        await batch.ExecuteAsync();
    }

    public async Task<WebhookSubscription?> GetAsync(string id)
    {
        if (!WebhookIds.IsSubscription(id))
        {
            return null;
        }

        var fields = await Db.HashGetAsync(keys.Subscription(id), ["record", "failures", "disabled", "disabledAt"]);
        return Read(fields);
    }

    /// <summary>Every subscription, newest first.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync()
    {
        var ids = await Db.SortedSetRangeByRankAsync(keys.Subscriptions, order: Order.Descending);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAsync(keys.Subscription(id!), ["record", "failures", "disabled", "disabledAt"])).ToList();
        batch.Execute();
        var result = new List<WebhookSubscription>(ids.Length);
        foreach (var read in reads)
        {
            if (Read(await read) is { } subscription)
            {
                result.Add(subscription);
            }
        }

        return result;
    }

    /// <summary>Enables a disabled subscription and clears its failure count.</summary>
    public Task EnableAsync(string id) =>
        Db.HashSetAsync(keys.Subscription(id), [new("failures", 0), new("disabled", ""), new("disabledAt", "")]);

    /// <summary>Deletes the subscription with its deliveries (those still due are dropped by the next claim).</summary>
    public async Task DeleteAsync(string id)
    {
        var deliveries = await Db.SortedSetRangeByRankAsync(keys.SubscriptionDeliveries(id));
        var doomed = deliveries.SelectMany(d => new RedisKey[] { keys.Delivery(d!), keys.Attempts(d!) })
            .Append(keys.Subscription(id)).Append(keys.SubscriptionDeliveries(id)).ToArray();
        var batch = Db.CreateTransaction();
        _ = batch.KeyDeleteAsync(doomed);
        _ = batch.SortedSetRemoveAsync(keys.Subscriptions, id);
        if (deliveries.Length > 0)
        {
            _ = batch.SortedSetRemoveAsync(keys.Due, deliveries);
        }

        await batch.ExecuteAsync();
    }

    private static WebhookSubscription? Read(RedisValue[] fields)
    {
        if (fields[0].IsNullOrEmpty)
        {
            return null;
        }

        var record = JsonSerializer.Deserialize<WebhookRecord>(fields[0].ToString(), HubJson.Options)!;
        var failures = fields[1].TryParse(out int f) ? f : 0;
        var reason = fields[2].IsNullOrEmpty ? null : fields[2].ToString();
        DateTimeOffset? at = fields[3].IsNullOrEmpty ? null : DateTimeOffset.Parse(fields[3].ToString(), CultureInfo.InvariantCulture);
        return new WebhookSubscription(record, failures, reason, at);
    }
}
