using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Schedules in Redis: one hash per schedule, an index by creation, the due set (next occurrence per
/// active schedule), the claims of occurrences being started and their leases. Holds no state of
/// its own; every replica reads and claims through it.
/// </summary>
public sealed class ScheduleStore(IConnectionMultiplexer redis, IOptions<ScheduleOptions> options, IOptions<RedisKeyOptions> keys)
{
    private readonly ScheduleOptions _options = options.Value;

    public ScheduleKeys Keys { get; } = new(keys.Value.For("sched"));

    private IDatabase Db => redis.GetDatabase();

    public async Task<ScheduleCreateResult> CreateAsync(ScheduleDefinition definition, DateTimeOffset next, CancellationToken cancellationToken)
    {
        var result = (int)await Db.ScriptEvaluateAsync(ScheduleScripts.Create,
            [Keys.Index, Keys.Due, Keys.Schedule(definition.Id), Keys.Owners],
            [definition.Id, definition.CreatedAt.ToUnixTimeMilliseconds(), next.ToUnixTimeMilliseconds(),
             JsonSerializer.Serialize(definition, HubJson.Options), _options.MaxSchedules, _options.MaxSchedulesPerOwner,
             ScheduleKeys.OwnerField(definition.Owner)]).WaitAsync(cancellationToken);
        return result switch { 1 => ScheduleCreateResult.Created, -1 => ScheduleCreateResult.HubFull, _ => ScheduleCreateResult.OwnerFull };
    }

    public async Task<StoredSchedule?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ScheduleKeys.IsScheduleId(id))
        {
            return null;
        }

        var batch = Db.CreateBatch();
        var fields = batch.HashGetAsync(Keys.Schedule(id), ["def", "paused", "fires", "missed"]);
        var fires = batch.ListRangeAsync(Keys.Fires(id), 0, _options.LastFiresKept - 1);
        var due = batch.SortedSetScoreAsync(Keys.Due, id);
        batch.Execute();
        await Task.WhenAll(fields, fires, due).WaitAsync(cancellationToken);
        return Read(fields.Result, fires.Result, due.Result);
    }

    /// <summary>The definition alone (what a fire needs), or null when the schedule is gone.</summary>
    public async Task<ScheduleDefinition?> GetDefinitionAsync(string id) =>
        ScheduleKeys.IsScheduleId(id) && await Db.HashGetAsync(Keys.Schedule(id), "def") is { IsNullOrEmpty: false } json
            ? JsonSerializer.Deserialize<ScheduleDefinition>(json.ToString(), HubJson.Options)
            : null;

    /// <summary>
    /// One page of schedules, oldest first (so "schedule two" keeps its place as new ones are
    /// added), optionally only those of <paramref name="owner"/>.
    /// </summary>
    public async Task<PagedResult<StoredSchedule>> ListAsync(PageRequest page, string? owner, bool onlyOwner, CancellationToken cancellationToken)
    {
        var ids = (await Db.SortedSetRangeByRankAsync(Keys.Index).WaitAsync(cancellationToken)).Select(v => v.ToString()).ToArray();
        var all = await Task.WhenAll(ids.Select(id => GetAsync(id, cancellationToken)));
        var items = all.OfType<StoredSchedule>().Where(s => !onlyOwner || s.Definition.Owner == owner).ToList();
        return new PagedResult<StoredSchedule>(items.Skip(page.SkipCount).Take(page.Limit).ToArray(), page.Page, page.Limit, items.Count);
    }

    public async Task<bool> DeleteAsync(ScheduleDefinition definition, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(ScheduleScripts.Delete,
            [Keys.Index, Keys.Due, Keys.Schedule(definition.Id), Keys.Fires(definition.Id), Keys.Owners],
            [definition.Id, ScheduleKeys.OwnerField(definition.Owner)]).WaitAsync(cancellationToken) == 1;

    /// <summary>Pauses (next ignored) or resumes at <paramref name="next"/>; false when the schedule is gone.</summary>
    public async Task<bool> SetPausedAsync(string id, bool paused, DateTimeOffset? next, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(ScheduleScripts.SetPaused,
            [Keys.Due, Keys.Schedule(id)],
            [id, paused ? "1" : "0", next is { } n ? n.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : ""])
            .WaitAsync(cancellationToken) >= 0;

    /// <summary>Schedules whose next occurrence is at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<(string Id, long DueMs)>> DueAsync(DateTimeOffset now, int max) =>
        (await Db.SortedSetRangeByScoreWithScoresAsync(Keys.Due, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max))
            .Select(e => (e.Element.ToString(), (long)e.Score)).ToArray();

    /// <summary>Claims the occurrence due at <paramref name="dueMs"/> as <paramref name="decision"/> says; true for the one replica that wins.</summary>
    public async Task<bool> ClaimAsync(string id, long dueMs, FireDecision decision, DateTimeOffset now)
    {
        var claim = decision.Fire is { } fire ? new ScheduleClaim(id, fire, decision.Missed, now) : null;
        var field = claim is null ? "" : ScheduleKeys.ClaimField(id, claim.Occurrence.ToUnixTimeMilliseconds());
        return (int)await Db.ScriptEvaluateAsync(ScheduleScripts.Claim,
            [Keys.Due, Keys.Claims, Keys.Leases, Keys.Schedule(id)],
            [id, dueMs, decision.Next is { } next ? next.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
             (now + _options.ClaimLease).ToUnixTimeMilliseconds(), claim is null ? "0" : "1",
             claim is null ? "" : JsonSerializer.Serialize(claim, HubJson.Options), decision.Missed, field]) == 1;
    }

    /// <summary>Claims whose lease ended before <paramref name="now"/>: their replica died or stalled before it started the workflow.</summary>
    public async Task<IReadOnlyList<string>> ExpiredClaimsAsync(DateTimeOffset now, int max) =>
        (await Db.SortedSetRangeByScoreAsync(Keys.Leases, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max))
            .Select(v => v.ToString()).ToArray();

    /// <summary>Takes over an expired claim with a new lease; null when another replica took or settled it first.</summary>
    public async Task<ScheduleClaim?> TakeOverAsync(string field, DateTimeOffset now) =>
        await Db.ScriptEvaluateAsync(ScheduleScripts.TakeOver, [Keys.Claims, Keys.Leases],
            [field, now.ToUnixTimeMilliseconds(), (now + _options.ClaimLease).ToUnixTimeMilliseconds()]) is { IsNull: false } result
            ? JsonSerializer.Deserialize<ScheduleClaim>(result.ToString(), HubJson.Options)
            : null;

    /// <summary>Settles a claim and records its fire; true only for the first settle of that occurrence.</summary>
    public async Task<bool> CompleteAsync(ScheduleClaim claim, ScheduleFire fire) =>
        (int)await Db.ScriptEvaluateAsync(ScheduleScripts.Complete,
            [Keys.Claims, Keys.Leases, Keys.Schedule(claim.ScheduleId), Keys.Fires(claim.ScheduleId)],
            [ScheduleKeys.ClaimField(claim.ScheduleId, claim.Occurrence.ToUnixTimeMilliseconds()),
             JsonSerializer.Serialize(fire, HubJson.Options), _options.LastFiresKept]) == 1;

    /// <summary>Schedules in all, active ones, those overdue by more than <paramref name="overdueAfter"/>, and claims not yet settled.</summary>
    public async Task<(long Total, long Active, long Overdue, long Claims)> CountsAsync(DateTimeOffset now, TimeSpan overdueAfter)
    {
        var batch = Db.CreateBatch();
        var total = batch.SortedSetLengthAsync(Keys.Index);
        var active = batch.SortedSetLengthAsync(Keys.Due);
        var overdue = batch.SortedSetLengthAsync(Keys.Due, double.NegativeInfinity, (now - overdueAfter).ToUnixTimeMilliseconds());
        var claims = batch.HashLengthAsync(Keys.Claims);
        batch.Execute();
        await Task.WhenAll(total, active, overdue, claims);
        return (total.Result, active.Result, overdue.Result, claims.Result);
    }

    private static StoredSchedule? Read(RedisValue[] fields, RedisValue[] fires, double? due)
    {
        if (fields[0].IsNullOrEmpty)
        {
            return null;
        }

        var definition = JsonSerializer.Deserialize<ScheduleDefinition>(fields[0].ToString(), HubJson.Options)!;
        var lastFires = fires.Select(f => JsonSerializer.Deserialize<ScheduleFire>(f.ToString(), HubJson.Options)!).ToArray();
        return new StoredSchedule(definition, fields[1] == "1", (long)fields[2], (long)fields[3], lastFires,
            due is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null);
    }
}
