using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Hooks;

/// <summary>
/// Hooks in Redis, under <c>&lt;prefix&gt;hooks:</c>: <c>hook:{id}</c> (the record as JSON),
/// <c>index</c> (ids by creation time), <c>hook:{id}:deliveries</c> (the latest deliveries, newest
/// first) and <c>seen:{id}:{sha256 of the delivery id}</c> (replay memory, SET NX with a TTL).
/// </summary>
public sealed class HookStore(IConnectionMultiplexer redis, IOptions<RedisKeyOptions> keys, IOptions<HookOptions> options)
{
    private readonly string _prefix = keys.Value.For("hooks");

    private IDatabase Db => redis.GetDatabase();

    private string HookKey(string id) => _prefix + "hook:" + id;

    private string DeliveriesKey(string id) => HookKey(id) + ":deliveries";

    private string IndexKey => _prefix + "index";

    public async Task SaveAsync(HookRecord hook)
    {
        var batch = Db.CreateTransaction();
        _ = batch.StringSetAsync(HookKey(hook.Id), JsonSerializer.Serialize(hook, HubJson.Options));
        _ = batch.SortedSetAddAsync(IndexKey, hook.Id, hook.CreatedAt.ToUnixTimeMilliseconds());
        await batch.ExecuteAsync();
    }

    public async Task<HookRecord?> GetAsync(string id)
    {
        if (!HookUrls.IsValidId(id))
        {
            return null;
        }

        var json = await Db.StringGetAsync(HookKey(id));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<HookRecord>(json.ToString(), HubJson.Options);
    }

    /// <summary>Every hook, newest first (owners hold at most <see cref="HookOptions.MaxHooksPerOwner"/> each).</summary>
    public async Task<IReadOnlyList<HookRecord>> ListAsync()
    {
        var ids = await Db.SortedSetRangeByRankAsync(IndexKey, order: Order.Descending);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Db.StringGetAsync(ids.Select(id => (RedisKey)HookKey(id!)).ToArray());
        return values.Where(v => !v.IsNullOrEmpty).Select(v => JsonSerializer.Deserialize<HookRecord>(v.ToString(), HubJson.Options)!).ToList();
    }

    public async Task DeleteAsync(string id)
    {
        var batch = Db.CreateTransaction();
        _ = batch.KeyDeleteAsync([HookKey(id), DeliveriesKey(id)]);
        _ = batch.SortedSetRemoveAsync(IndexKey, id);
        await batch.ExecuteAsync();
    }

    /// <summary>True the first time a delivery id is seen for the hook within the replay window; false for a replay.</summary>
    public Task<bool> MarkSeenAsync(string hookId, string deliveryId)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)));
        return Db.StringSetAsync(_prefix + "seen:" + hookId + ":" + digest, 1, options.Value.ReplayWindow, When.NotExists);
    }

    /// <summary>Forgets a delivery id, so a delivery refused for a reason the sender can fix may be sent again.</summary>
    public Task ForgetAsync(string hookId, string deliveryId)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)));
        return Db.KeyDeleteAsync(_prefix + "seen:" + hookId + ":" + digest);
    }

    public async Task RecordDeliveryAsync(string hookId, HookDeliveryView delivery)
    {
        var batch = Db.CreateBatch();
        var push = batch.ListLeftPushAsync(DeliveriesKey(hookId), JsonSerializer.Serialize(delivery, HubJson.Options));
        var trim = batch.ListTrimAsync(DeliveriesKey(hookId), 0, options.Value.RecentDeliveries - 1);
        batch.Execute();
        await Task.WhenAll(push, trim);
    }

    public async Task<IReadOnlyList<HookDeliveryView>> RecentDeliveriesAsync(string hookId)
    {
        var values = await Db.ListRangeAsync(DeliveriesKey(hookId), 0, options.Value.RecentDeliveries - 1);
        return values.Select(v => JsonSerializer.Deserialize<HookDeliveryView>(v.ToString(), HubJson.Options)!).ToList();
    }
}
