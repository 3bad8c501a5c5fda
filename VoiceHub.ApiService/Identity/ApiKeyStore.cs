using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// API keys in Redis. A key's secret is never stored: its record lives under the SHA-256 of the
/// secret (<c>keys:{keys}:hash:&lt;sha256&gt;</c>), found again only by someone who holds the secret; an
/// id index (<c>keys:id:&lt;id&gt;</c>) and sorted sets (all, per owner) serve lists and revocation.
/// Every entry expires with the key.
/// </summary>
public sealed class ApiKeyStore(IConnectionMultiplexer redis, IOptions<RedisKeyOptions> keys, TimeProvider time)
{
    public const string SecretPrefix = "vh_";

    // Writing "last used" on every request would turn reads into writes; once a minute is enough to see a key is alive.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every key record under one hash tag (<c>&lt;prefix&gt;keys:{keys}:</c>): create and revoke write the
    /// hash, the id and the indexes in one MULTI, which a Redis Cluster allows only within one slot.
    /// </summary>
    private readonly string _prefix = keys.Value.For("keys") + "{keys}:";

    private IDatabase Db => redis.GetDatabase();

    /// <summary>32 random bytes, base64url, after <c>vh_</c>.</summary>
    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of a secret, hex: what Redis holds instead of it.</summary>
    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public async Task<(ApiKeyView Key, string Secret)> CreateAsync(string name, string role, string owner, DateTimeOffset expires)
    {
        var secret = NewSecret();
        var digest = Digest(secret);
        var key = new ApiKeyView("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, role, owner, time.GetUtcNow(), expires, null);
        var created = key.CreatedAt.ToUnixTimeMilliseconds();
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(HashKey(digest), [
            new("id", key.Id), new("name", name), new("role", role), new("owner", owner),
            new("created", created), new("expires", expires.ToUnixTimeMilliseconds()),
        ]);
        _ = transaction.KeyExpireAsync(HashKey(digest), expires.UtcDateTime);
        _ = transaction.StringSetAsync(IdKey(key.Id), digest);
        _ = transaction.KeyExpireAsync(IdKey(key.Id), expires.UtcDateTime);
        _ = transaction.SortedSetAddAsync(IndexKey(null), key.Id, created);
        _ = transaction.SortedSetAddAsync(IndexKey(owner), key.Id, created);
        await transaction.ExecuteAsync();
        return (key, secret);
    }

    /// <summary>The live key whose secret this is, noting that it was used; null for unknown, revoked or expired.</summary>
    public async Task<ApiKeyView?> FindBySecretAsync(string secret)
    {
        var digest = Digest(secret);
        var key = ToView(await Db.HashGetAllAsync(HashKey(digest)));
        var now = time.GetUtcNow();
        if (key is null || key.ExpiresAt <= now)
        {
            return null;
        }

        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await Db.HashSetAsync(HashKey(digest), "lastUsed", now.ToUnixTimeMilliseconds(), flags: CommandFlags.FireAndForget);
        }

        return key;
    }

    public async Task<ApiKeyView?> GetAsync(string id)
    {
        var digest = (string?)await Db.StringGetAsync(IdKey(id));
        return digest is null ? null : ToView(await Db.HashGetAllAsync(HashKey(digest)));
    }

    /// <summary>Revokes a key at once: its record and indexes go; true when it existed.</summary>
    public async Task<bool> RevokeAsync(ApiKeyView key)
    {
        var digest = (string?)await Db.StringGetAsync(IdKey(key.Id));
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync(IdKey(key.Id));
        if (digest is not null)
        {
            _ = transaction.KeyDeleteAsync(HashKey(digest));
        }

        _ = transaction.SortedSetRemoveAsync(IndexKey(null), key.Id);
        _ = transaction.SortedSetRemoveAsync(IndexKey(key.Owner), key.Id);
        await transaction.ExecuteAsync();
        return digest is not null;
    }

    /// <summary>A page of keys, newest first: all of them, or one owner's.</summary>
    public async Task<PagedResult<ApiKeyView>> ListAsync(PageRequest page, string? owner)
    {
        var index = IndexKey(owner);
        // Expired keys leave their ids behind in the indexes; drop them as lists meet them.
        var ids = await Db.SortedSetRangeByRankAsync(index, page.Offset, page.Offset + page.Limit - 1, Order.Descending);
        var items = new List<ApiKeyView>(ids.Length);
        foreach (var id in ids)
        {
            if (await GetAsync(id!) is { } key)
            {
                items.Add(key);
            }
            else
            {
                await Db.SortedSetRemoveAsync(index, id);
            }
        }

        return new PagedResult<ApiKeyView>(items, page.Page, page.Limit, await Db.SortedSetLengthAsync(index));
    }

    private RedisKey HashKey(string digest) => _prefix + "hash:" + digest;

    private RedisKey IdKey(string id) => _prefix + "id:" + id;

    private RedisKey IndexKey(string? owner) => owner is null ? _prefix + "index" : _prefix + "owner:" + owner;

    private static ApiKeyView? ToView(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value);
        return new ApiKeyView(
            fields["id"]!, fields["name"]!, fields["role"]!, fields["owner"]!,
            Time(fields["created"]), Time(fields["expires"]),
            fields.TryGetValue("lastUsed", out var used) ? Time(used) : null);
    }

    private static DateTimeOffset Time(RedisValue ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms.ToString(), CultureInfo.InvariantCulture));
}
