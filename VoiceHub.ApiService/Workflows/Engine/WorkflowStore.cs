using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Outcome of a conditional save.</summary>
public enum SaveOutcome { Saved, Missing, NotOwner, StatusMismatch }

/// <summary>
/// Workflow state in Redis: one hash per workflow (state JSON, status, owner, cancel flag, event
/// sequence), sorted-set indexes by status, an event stream per workflow and a global one.
/// The API and every worker go through this class; it holds no state of its own.
/// </summary>
public sealed class WorkflowStore(IConnectionMultiplexer redis, IOptions<WorkflowOptions> options, IOptions<RedisKeyOptions> keys, TimeProvider time)
{
    private readonly WorkflowOptions _options = options.Value;

    public WorkflowKeys Keys { get; } = new(keys.Value.KeyPrefix);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Next workflow number; numbers are never reused, even after deletes.</summary>
    public async Task<long> NextNumberAsync() => await Db.StringIncrementAsync(Keys.Sequence);

    /// <summary>Stores and queues a new workflow; returns the id of the stored one (an earlier one for a reused idempotency key).</summary>
    public async Task<(string Id, bool Created)> CreateAsync(WorkflowState state, WorkflowEvent created, string? idempotencyScope = null)
    {
        var id = (string?)await Db.ScriptEvaluateAsync(WorkflowScripts.Create, new
        {
            prefix = Keys.Prefix,
            id = state.Id,
            idemKey = idempotencyScope ?? string.Empty,
            state = Serialize(state),
            now = created.At.ToUnixTimeMilliseconds(),
            @event = JsonSerializer.Serialize(created, HubJson.Options),
            retention = (long)_options.Retention.TotalSeconds,
            maxEvents = _options.MaxGlobalEvents,
        });
        return (id!, id == state.Id);
    }

    /// <summary>Finds the id an idempotency key (scoped by <see cref="WorkflowKeys.IdempotencyScope"/>) was used for, if any.</summary>
    public async Task<string?> FindByIdempotencyKeyAsync(string key) => await Db.StringGetAsync(Keys.Idempotency(key));

    public async Task<WorkflowState?> GetAsync(string id)
    {
        if (!WorkflowKeys.IsWorkflowId(id))
        {
            return null;
        }

        var json = await Db.HashGetAsync(Keys.Workflow(id), "state");
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<WorkflowState>(json.ToString(), HubJson.Options);
    }

    public async Task<bool> IsCancelRequestedAsync(string id) => await Db.HashExistsAsync(Keys.Workflow(id), "cancel");

    /// <summary>Marks a running workflow for cancellation (persisted) and tells every worker (pub/sub).</summary>
    public async Task RequestCancelAsync(string id)
    {
        await Db.HashSetAsync(Keys.Workflow(id), "cancel", time.GetUtcNow().ToUnixTimeMilliseconds());
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Keys.CancelChannel), id);
    }

    /// <summary>
    /// Saves <paramref name="state"/> with an optional event. <paramref name="owner"/> guards against
    /// a worker that lost its claim; <paramref name="expectedStatuses"/> guards API transitions.
    /// </summary>
    public async Task<(SaveOutcome Outcome, long Sequence)> SaveAsync(
        WorkflowState state,
        WorkflowEvent? @event,
        string? owner = null,
        string? expectedStatuses = null,
        bool enqueue = false,
        bool clearControl = false)
    {
        var expire = WorkflowStatus.IsFinished(state.Status)
            ? ((long)_options.Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : enqueue ? "-1" : string.Empty;
        var result = (long)await Db.ScriptEvaluateAsync(WorkflowScripts.Save, new
        {
            prefix = Keys.Prefix,
            id = state.Id,
            owner = owner ?? string.Empty,
            expected = expectedStatuses ?? string.Empty,
            state = Serialize(state),
            status = state.Status,
            clearControl = clearControl ? "1" : "0",
            @event = @event is null ? string.Empty : JsonSerializer.Serialize(@event, HubJson.Options),
            maxEvents = _options.MaxGlobalEvents,
            enqueue = enqueue ? "1" : "0",
            expire,
        });
        return result switch
        {
            WorkflowScripts.Missing => (SaveOutcome.Missing, 0),
            WorkflowScripts.NotOwner => (SaveOutcome.NotOwner, 0),
            WorkflowScripts.StatusMismatch => (SaveOutcome.StatusMismatch, 0),
            _ => (SaveOutcome.Saved, result),
        };
    }

    /// <summary>Makes <paramref name="owner"/> the only worker allowed to save; returns the status ('' when missing).</summary>
    public async Task<string> ClaimAsync(string id, string owner) =>
        (string)(await Db.ScriptEvaluateAsync(WorkflowScripts.Claim, new { prefix = Keys.Prefix, id, owner }))!;

    /// <summary>Deletes a finished workflow: 1 deleted, -1 unknown, -3 not finished.</summary>
    public async Task<long> DeleteAsync(string id) =>
        WorkflowKeys.IsWorkflowId(id) ? (long)await Db.ScriptEvaluateAsync(WorkflowScripts.Delete, new { prefix = Keys.Prefix, id }) : -1;

    /// <summary>A page of workflows, newest first, optionally of one status.</summary>
    public async Task<PagedResult<WorkflowState>> ListAsync(PageRequest page, string? status)
    {
        var index = status is null ? Keys.Index : Keys.StatusIndex(status);
        var ids = await Db.SortedSetRangeByRankAsync(index, page.Offset, page.Offset + page.Limit - 1, Order.Descending);
        var total = await Db.SortedSetLengthAsync(index);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAsync(Keys.Workflow(id!), "state")).ToList();
        batch.Execute();
        var items = new List<WorkflowState>(ids.Length);
        foreach (var read in reads)
        {
            var json = await read;
            if (!json.IsNullOrEmpty)
            {
                items.Add(JsonSerializer.Deserialize<WorkflowState>(json.ToString(), HubJson.Options)!);
            }
        }

        return new PagedResult<WorkflowState>(items, page.Page, page.Limit, total);
    }

    /// <summary>Events of one workflow after <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<WorkflowEvent>> ReadEventsAsync(string id, long afterSequence)
    {
        var entries = await Db.StreamRangeAsync(Keys.Events(id));
        var events = new List<WorkflowEvent>();
        foreach (var entry in entries)
        {
            var sequence = (long)entry["seq"];
            if (sequence > afterSequence)
            {
                events.Add(ToEvent(entry["event"], sequence));
            }
        }

        return events;
    }

    /// <summary>Entries of one workflow's event stream after the entry <paramref name="afterEntryId"/> (exclusive).</summary>
    public Task<IReadOnlyList<Events.EventEntry>> ReadEventEntriesAsync(string id, string afterEntryId, int count = 500) =>
        ReadEntriesAsync(Keys.Events(id), afterEntryId, count);

    /// <summary>Entries of the global event stream after the entry <paramref name="afterEntryId"/> (exclusive).</summary>
    public Task<IReadOnlyList<Events.EventEntry>> ReadGlobalEntriesAsync(string afterEntryId, int count = 500) =>
        ReadEntriesAsync(Keys.GlobalEvents, afterEntryId, count);

    private async Task<IReadOnlyList<Events.EventEntry>> ReadEntriesAsync(string stream, string afterEntryId, int count)
    {
        var entries = await Db.StreamRangeAsync(stream, minId: "(" + afterEntryId, count: count);
        return entries.Select(e => new Events.EventEntry(e.Id.ToString(), ToEvent(e["event"], (long)e["seq"]))).ToList();
    }

    /// <summary>Id of the newest entry of the global event stream, or "0-0".</summary>
    public async Task<string> LastGlobalEventIdAsync()
    {
        var last = await Db.StreamRangeAsync(Keys.GlobalEvents, count: 1, messageOrder: Order.Descending);
        return last.Length == 0 ? "0-0" : last[0].Id.ToString();
    }

    public async Task SaveArtifactAsync(string id, string name, string contentType, ReadOnlyMemory<byte> content)
    {
        await Db.HashSetAsync(Keys.Artifacts(id), [
            new HashEntry(name, content),
            new HashEntry(name + ":type", contentType),
        ]);
    }

    public async Task<(byte[] Content, string ContentType)?> GetArtifactAsync(string id, string name)
    {
        if (!WorkflowKeys.IsWorkflowId(id) || !WorkflowKeys.IsArtifactName(name))
        {
            return null;
        }

        var values = await Db.HashGetAsync(Keys.Artifacts(id), [name, name + ":type"]);
        return values[0].IsNull ? null : ((byte[])values[0]!, values[1].IsNull ? "application/octet-stream" : values[1].ToString());
    }

    /// <summary>Removes index entries whose workflow expired (retention), oldest first, a batch at a time.</summary>
    public async Task<int> TrimIndexesAsync(int batchSize = 200)
    {
        var cutoff = time.GetUtcNow().Subtract(_options.Retention).ToUnixTimeMilliseconds();
        var removed = 0;
        foreach (var index in WorkflowStatus.All.Select(Keys.StatusIndex).Prepend(Keys.Index))
        {
            var old = await Db.SortedSetRangeByScoreAsync(index, double.NegativeInfinity, cutoff, take: batchSize);
            foreach (var id in old)
            {
                if (!await Db.KeyExistsAsync(Keys.Workflow(id!)))
                {
                    removed += await Db.SortedSetRemoveAsync(index, id) ? 1 : 0;
                }
            }
        }

        return removed;
    }

    private static WorkflowEvent ToEvent(RedisValue json, long sequence) =>
        JsonSerializer.Deserialize<WorkflowEvent>(json.ToString(), HubJson.Options)! with { Sequence = sequence };

    private static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, HubJson.Options);
}
