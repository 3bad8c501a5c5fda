using StackExchange.Redis;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Lua scripts that make each change of a workflow atomic: state, status indexes, events, queue
/// entry and expiry move together or not at all, so a crash never leaves half a workflow.
/// Keys derive from the prefix inside the scripts (one Redis, no cluster slots to respect).
/// </summary>
internal static class WorkflowScripts
{
    /// <summary>Result codes of <see cref="Save"/> besides the new event sequence (0 or more).</summary>
    public const long Missing = -1, NotOwner = -2, StatusMismatch = -3, DuplicateKey = -4;

    /// <summary>
    /// Creates a workflow: idempotency key, state, indexes, first event, queue entry.
    /// ARGV: prefix, id, idemKey ('' none), stateJson, nowMs, eventJson, retentionSeconds, maxGlobalEvents.
    /// Returns the id of the workflow (the existing one when the idempotency key was used before).
    /// </summary>
    public static readonly LuaScript Create = LuaScript.Prepare("""
        local p, id = @prefix, @id
        if @idemKey ~= '' then
          local existing = redis.call('GET', p .. 'wf:idem:' .. @idemKey)
          if existing then return existing end
          redis.call('SET', p .. 'wf:idem:' .. @idemKey, id, 'EX', @retention)
        end
        local key = p .. 'wf:' .. id
        redis.call('HSET', key, 'state', @state, 'status', 'Pending', 'created', @now, 'seq', 1)
        redis.call('ZADD', p .. 'wf:index', @now, id)
        redis.call('ZADD', p .. 'wf:status:Pending', @now, id)
        redis.call('XADD', key .. ':events', '*', 'seq', 1, 'event', @event)
        redis.call('XADD', p .. 'events', 'MAXLEN', '~', @maxEvents, '*', 'id', id, 'seq', 1, 'event', @event)
        redis.call('XADD', p .. 'wf:queue', '*', 'id', id)
        redis.call('PUBLISH', p .. 'events', id .. ':1')
        redis.call('PUBLISH', p .. 'wf:queued', id)
        return id
        """);

    /// <summary>
    /// Saves a new state, optionally only when this worker owns it and/or the status is one expected,
    /// appends the event, moves status indexes, re-queues, sets or removes expiry.
    /// </summary>
    public static readonly LuaScript Save = LuaScript.Prepare("""
        local p, id = @prefix, @id
        local key = p .. 'wf:' .. id
        -- One read of what the checks need (a missing workflow has no status).
        local fields = redis.call('HMGET', key, 'status', 'owner', 'created')
        local old, holder, created = fields[1], fields[2], fields[3]
        if not old then return -1 end
        if @owner ~= '' and holder ~= @owner then return -2 end
        -- A worker never reopens a finished workflow: a cancel that landed between its claim and
        -- its first save wins.
        if @owner ~= '' and (old == 'Completed' or old == 'Failed' or old == 'Canceled') then return -3 end
        if @expected ~= '' and not string.find('|' .. @expected .. '|', '|' .. old .. '|', 1, true) then return -3 end
        redis.call('HSET', key, 'state', @state, 'status', @status)
        if old ~= @status then
          redis.call('ZREM', p .. 'wf:status:' .. old, id)
          redis.call('ZADD', p .. 'wf:status:' .. @status, created, id)
        end
        if @clearControl == '1' then redis.call('HDEL', key, 'owner', 'cancel') end
        local seq = 0
        if @event ~= '' then
          seq = redis.call('HINCRBY', key, 'seq', 1)
          redis.call('XADD', key .. ':events', '*', 'seq', seq, 'event', @event)
          redis.call('XADD', p .. 'events', 'MAXLEN', '~', @maxEvents, '*', 'id', id, 'seq', seq, 'event', @event)
          redis.call('PUBLISH', p .. 'events', id .. ':' .. seq)
        end
        if @enqueue == '1' then
          redis.call('XADD', p .. 'wf:queue', '*', 'id', id)
          redis.call('PUBLISH', p .. 'wf:queued', id)
        end
        if @expire == '-1' then
          redis.call('PERSIST', key)
          redis.call('PERSIST', key .. ':events')
          redis.call('PERSIST', key .. ':artifacts')
        elseif @expire ~= '' then
          redis.call('EXPIRE', key, @expire)
          redis.call('EXPIRE', key .. ':events', @expire)
          redis.call('EXPIRE', key .. ':artifacts', @expire)
        end
        return seq
        """);

    /// <summary>
    /// Takes ownership of a workflow for a worker that holds its queue entry. Returns the status;
    /// a finished workflow is left alone (its entry is only acknowledged).
    /// </summary>
    public static readonly LuaScript Claim = LuaScript.Prepare("""
        local key = @prefix .. 'wf:' .. @id
        local status = redis.call('HGET', key, 'status')
        if not status then return '' end
        if status == 'Completed' or status == 'Failed' or status == 'Canceled' then return status end
        redis.call('HSET', key, 'owner', @owner)
        return status
        """);

    /// <summary>Deletes a finished workflow with its events, artifacts and index entries.</summary>
    public static readonly LuaScript Delete = LuaScript.Prepare("""
        local p, id = @prefix, @id
        local key = p .. 'wf:' .. id
        local status = redis.call('HGET', key, 'status')
        if not status then return -1 end
        if status ~= 'Completed' and status ~= 'Failed' and status ~= 'Canceled' then return -3 end
        redis.call('DEL', key, key .. ':events', key .. ':artifacts')
        redis.call('ZREM', p .. 'wf:index', id)
        redis.call('ZREM', p .. 'wf:status:' .. status, id)
        return 1
        """);
}
