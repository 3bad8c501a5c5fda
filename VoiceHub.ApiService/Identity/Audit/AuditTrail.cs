using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Identity.Audit;

/// <summary>
/// The audit trail: one Redis stream (<c>&lt;prefix&gt;audit</c>) shared by every replica, capped
/// at <see cref="AuthOptions.AuditMaxEntries"/> (oldest dropped). Entries never hold credentials,
/// only the principal's id.
/// </summary>
public sealed class AuditTrail(IConnectionMultiplexer redis, IOptions<RedisKeyOptions> keys, IOptions<AuthOptions> options)
{
    // Filters are applied while reading newest first; this many entries at most are looked at per request.
    public const int MaxScanned = 10_000;

    private readonly RedisKey _stream = keys.Value.For("audit") + "entries";

    private IDatabase Db => redis.GetDatabase();

    public Task AppendAsync(AuditEntry entry) => Db.StreamAddAsync(_stream,
        [
            new("time", entry.Time.ToUnixTimeMilliseconds()),
            new("principal", entry.Principal ?? ""),
            new("role", entry.Role ?? ""),
            new("action", entry.Action),
            new("target", entry.Target ?? ""),
            new("status", entry.Status),
            new("client", entry.Client ?? ""),
            new("trace", entry.TraceId ?? ""),
        ],
        maxLength: options.Value.AuditMaxEntries,
        useApproximateMaxLength: true);

    /// <summary>A page of entries, newest first, matching every filter given.</summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(PageRequest page, AuditFilter filter)
    {
        // Stream ids start with the time in milliseconds, so a time range is an id range.
        RedisValue min = filter.From is { } from ? from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-";
        RedisValue max = filter.To is { } to ? to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "+";
        var entries = await Db.StreamRangeAsync(_stream, min, max, MaxScanned, Order.Descending);
        var matching = entries.Select(ToEntry).Where(filter.Matches).ToList();
        return new PagedResult<AuditEntry>(matching.Skip(page.SkipCount).Take(page.Limit).ToList(), page.Page, page.Limit, matching.Count);
    }

    private static AuditEntry ToEntry(StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNullOrEmpty: false } value ? value.ToString() : null;
        return new AuditEntry(
            entry.Id.ToString(),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Field("time")!, CultureInfo.InvariantCulture)),
            Field("principal"),
            Field("role"),
            Field("action")!,
            Field("target"),
            int.Parse(Field("status")!, CultureInfo.InvariantCulture),
            Field("client"),
            Field("trace"));
    }
}

/// <summary>What <c>GET /api/audit</c> may filter by; null parts match everything.</summary>
public sealed record AuditFilter(string? Principal, string? Action, DateTimeOffset? From, DateTimeOffset? To)
{
    public bool Matches(AuditEntry entry) =>
        (Principal is null || entry.Principal == Principal) &&
        (Action is null || entry.Action.Contains(Action, StringComparison.OrdinalIgnoreCase));
}
