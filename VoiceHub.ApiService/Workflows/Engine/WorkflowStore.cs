using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Outcome of a conditional save.</summary>
public enum SaveOutcome { Saved, Missing, NotOwner, StatusMismatch }

/// <summary>
/// Workflow state in Redis: one hash per workflow (header, one field per step, status, owner,
/// cancel flag, event sequence; see <see cref="WorkflowDocument"/>), sorted-set indexes by status,
/// an event stream per workflow and a global one, all under one hash tag (<see cref="WorkflowKeys"/>).
/// The API and every worker go through this class; it holds no state of its own.
/// </summary>
public sealed partial class WorkflowStore(
    IConnectionMultiplexer redis, IOptions<WorkflowOptions> options, IOptions<RedisKeyOptions> keys, TimeProvider time, WorkflowHandoff handoff)
{
    private readonly WorkflowOptions _options = options.Value;

    public WorkflowKeys Keys { get; } = new(keys.Value.KeyPrefix);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Whether event notifications use sharded pub/sub (Redis 7 and newer: <c>SPUBLISH</c> in the
    /// engine's slot, which a cluster does not broadcast to every node); older servers get classic
    /// pub/sub. Decided from the servers the client sees unless <see cref="WorkflowOptions.ShardedNotifications"/>
    /// says; the event hub subscribes the same way.
    /// </summary>
    public bool ShardedEvents => _shardedEvents ??= _options.ShardedNotifications ?? redis.GetServers().All(s => s.Version >= new Version(7, 0));

    /// <summary>The channel the event hub subscribes to, sharded or classic (see <see cref="ShardedEvents"/>).</summary>
    public RedisChannel EventsChannel => ShardedEvents ? RedisChannel.Sharded(Keys.EventsChannel) : RedisChannel.Literal(Keys.EventsChannel);

    private bool? _shardedEvents;

    /// <summary>Next workflow number; numbers are never reused, even after deletes.</summary>
    public async Task<long> NextNumberAsync() => await Db.StringIncrementAsync(Keys.Sequence);

    /// <summary>Stores and queues a new workflow; returns the id of the stored one (an earlier one for a reused idempotency key).</summary>
    public async Task<(string Id, bool Created)> CreateAsync(WorkflowState state, WorkflowEvent created, string? idempotencyScope = null)
    {
        var args = new RedisValue[11 + 2 * state.Steps.Count];
        args[0] = Keys.Base;
        args[1] = state.Id;
        args[2] = idempotencyScope ?? string.Empty;
        args[3] = WorkflowDocument.SerializeHeader(state);
        args[4] = WorkflowDocument.SerializeOrder(state);
        args[5] = created.At.ToUnixTimeMilliseconds();
        args[6] = JsonSerializer.SerializeToUtf8Bytes(created, HubJson.Options);
        args[7] = (long)_options.Retention.TotalSeconds;
        args[8] = _options.MaxGlobalEvents;
        args[9] = Keys.QueuedChannel;
        args[10] = ShardedEvents ? "1" : "0";
        WorkflowDocument.WriteStepFields(state.Steps, args, 11);
        var stored = (RedisResult[])(await Db.ScriptEvaluateAsync(WorkflowScripts.Create, [Keys.Workflow(state.Id)], args))!;
        var id = (string)stored[0]!;
        if (id != state.Id)
        {
            return (id, false);
        }

        if (_options.RunWorkers)
        {
            handoff.Offer((string)stored[1]!, CreatedFields(args)); // an API-only replica's copies would wait for nobody
        }

        return (id, true);
    }

    /// <summary>The hash fields the create script stored from <paramref name="args"/>, for <see cref="WorkflowHandoff"/>.</summary>
    private static Dictionary<string, RedisValue> CreatedFields(RedisValue[] args)
    {
        var fields = new Dictionary<string, RedisValue>(5 + (args.Length - 11) / 2, StringComparer.Ordinal)
        {
            ["meta"] = args[3],
            ["order"] = args[4],
            ["status"] = WorkflowStatus.Pending,
            ["created"] = args[5],
            ["seq"] = 1,
        };
        for (var i = 11; i + 1 < args.Length; i += 2)
        {
            fields[args[i].ToString()] = args[i + 1];
        }

        return fields;
    }

    /// <summary>Finds the id an idempotency key (scoped by <see cref="WorkflowKeys.IdempotencyScope"/>) was used for, if any.</summary>
    public async Task<string?> FindByIdempotencyKeyAsync(string key) => await Db.StringGetAsync(Keys.Idempotency(key));

    public async Task<WorkflowState?> GetAsync(string id) =>
        WorkflowKeys.IsWorkflowId(id) ? WorkflowDocument.Read(await Db.HashGetAllAsync(Keys.Workflow(id))) : null;

    public async Task<bool> IsCancelRequestedAsync(string id) => await Db.HashExistsAsync(Keys.Workflow(id), "cancel");

    /// <summary>Marks a running workflow for cancellation (persisted) and tells every worker (pub/sub).</summary>
    public async Task RequestCancelAsync(string id)
    {
        await Db.HashSetAsync(Keys.Workflow(id), "cancel", time.GetUtcNow().ToUnixTimeMilliseconds());
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Keys.CancelChannel), id);
    }

    /// <summary>
    /// Saves the whole of <paramref name="state"/> with an optional event (the API's changes: cancel,
    /// retry). <paramref name="owner"/> guards against a worker that lost its claim;
    /// <paramref name="expectedStatuses"/> guards API transitions.
    /// </summary>
    public Task<(SaveOutcome Outcome, long Sequence)> SaveAsync(
        WorkflowState state,
        WorkflowEvent? @event,
        string? owner = null,
        string? expectedStatuses = null,
        bool enqueue = false,
        bool clearControl = false) =>
        CommitAsync(new WorkflowTransition(state, state.Steps, true, @event is null ? [] : [@event])
        {
            Owner = owner,
            ExpectedStatuses = expectedStatuses,
            Enqueue = enqueue,
            ClearControl = clearControl,
        });

    /// <summary>
    /// Commits one transition in one script: the status, the header if it changed, the steps that
    /// changed, the events (numbered in order), index moves, re-queue, acknowledgement, expiry.
    /// </summary>
    public Task<(SaveOutcome Outcome, long Sequence)> CommitAsync(WorkflowTransition change) => CommitAsync(Prepare(change));

    /// <summary>
    /// Serializes a transition now (the run does it while no step can change) for
    /// <see cref="CommitAsync(PreparedTransition)"/>.
    /// </summary>
    public PreparedTransition Prepare(WorkflowTransition change)
    {
        var state = change.State;
        var expire = WorkflowStatus.IsFinished(state.Status)
            ? ((long)_options.Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : change.Enqueue ? "-1" : string.Empty;
        // Sized once and filled in place: built from spreads, it grew through four lists per commit.
        var args = new RedisValue[15 + 2 * change.Steps.Count + change.Events.Count];
        args[0] = Keys.Base;
        args[1] = state.Id;
        args[2] = change.Owner ?? string.Empty;
        args[3] = change.ExpectedStatuses ?? string.Empty;
        args[4] = state.Status;
        args[5] = change.Header ? WorkflowDocument.SerializeHeader(state) : RedisValue.EmptyString;
        args[6] = change.ClearControl ? "1" : "0";
        args[7] = change.Enqueue ? "1" : "0";
        args[8] = expire;
        args[9] = _options.MaxGlobalEvents;
        args[10] = change.AcknowledgeEntry ?? string.Empty;
        args[11] = Keys.QueuedChannel;
        args[12] = change.ClaimAtSequence is { } claim ? claim : RedisValue.EmptyString;
        args[13] = ShardedEvents ? "1" : "0";
        args[14] = change.Steps.Count;
        var at = WorkflowDocument.WriteStepFields(change.Steps, args, 15);
        foreach (var @event in change.Events)
        {
            args[at++] = JsonSerializer.SerializeToUtf8Bytes(@event, HubJson.Options);
        }

        return new PreparedTransition(state.Id, args);
    }

    public async Task<(SaveOutcome Outcome, long Sequence)> CommitAsync(PreparedTransition change)
    {
        var result = (long)await Db.ScriptEvaluateAsync(WorkflowScripts.Save, [Keys.Workflow(change.WorkflowId)], change.Arguments);
        return result switch
        {
            WorkflowScripts.Missing => (SaveOutcome.Missing, 0),
            WorkflowScripts.NotOwner => (SaveOutcome.NotOwner, 0),
            WorkflowScripts.StatusMismatch => (SaveOutcome.StatusMismatch, 0),
            _ => (SaveOutcome.Saved, result),
        };
    }

    /// <summary>
    /// Reads a workflow for a worker that holds its queue entry, in one call: its status ('' when
    /// missing), the workflow unless it is finished, the cancel flag and the event sequence the
    /// worker's first commit claims it at (<see cref="WorkflowTransition.ClaimAtSequence"/>). A fresh
    /// entry of a workflow this process created is served from <see cref="WorkflowHandoff"/>.
    /// </summary>
    public async Task<WorkflowClaim> ReadForRunAsync(QueueEntry entry) =>
        entry.Fresh && handoff.TryTake(entry.EntryId, out var created) ? Claim(created) : await ReadForRunAsync(entry.WorkflowId);

    /// <summary>Reads a workflow for a worker from Redis (see <see cref="ReadForRunAsync(QueueEntry)"/>).</summary>
    public async Task<WorkflowClaim> ReadForRunAsync(string id)
    {
        var entries = await Db.HashGetAllAsync(Keys.Workflow(id));
        var fields = new Dictionary<string, RedisValue>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            fields[entry.Name.ToString()] = entry.Value;
        }

        return Claim(fields);
    }

    private static WorkflowClaim Claim(IReadOnlyDictionary<string, RedisValue> fields)
    {
        var status = fields.TryGetValue("status", out var s) ? s.ToString() : string.Empty;
        var state = WorkflowStatus.IsFinished(status) ? null : WorkflowDocument.Read(fields);
        var sequence = fields.TryGetValue("seq", out var seq) && seq.TryParse(out long number) ? number : 0;
        return new WorkflowClaim(status, state, fields.ContainsKey("cancel"), sequence);
    }

    /// <summary>Deletes a finished workflow: 1 deleted, -1 unknown, -3 not finished.</summary>
    public async Task<long> DeleteAsync(string id) =>
        WorkflowKeys.IsWorkflowId(id) ? (long)await Db.ScriptEvaluateAsync(WorkflowScripts.Delete, [Keys.Workflow(id)], [Keys.Base, id]) : -1;

    private static WorkflowEvent ToEvent(RedisValue json, long sequence) =>
        WorkflowDocument.Parse<WorkflowEvent>(json) with { Sequence = sequence };

}
