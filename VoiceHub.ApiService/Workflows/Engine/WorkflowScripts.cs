namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Lua scripts that make each change of a workflow atomic: state, status indexes, events, queue
/// entry and expiry move together or not at all, so a crash never leaves half a workflow.
/// KEYS[1] is always the workflow's hash (it routes the call on a cluster); the other keys derive
/// from ARGV[1], the engine's key base, and share its hash tag, so every script touches one slot.
/// A workflow is a hash: <c>meta</c> (the document without its steps), <c>order</c> (step ids),
/// one <c>step:&lt;id&gt;</c> field per step, <c>status</c>, <c>owner</c>, <c>cancel</c>,
/// <c>created</c> and <c>seq</c> (the last event's sequence number). A save writes only the fields
/// that changed.
/// </summary>
internal static class WorkflowScripts
{
    /// <summary>Result codes of <see cref="Save"/> besides the new event sequence (0 or more).</summary>
    public const long Missing = -1, NotOwner = -2, StatusMismatch = -3;

    /// <summary>
    /// Creates a workflow: idempotency key, fields, indexes, first event, queue entry.
    /// ARGV: base, id, idemKey ('' none), meta, order, nowMs, eventJson, retentionSeconds, maxGlobalEvents, queuedChannel,
    /// sharded ('1' on Redis 7+: sharded pub/sub for event notifications), then step field/value pairs.
    /// Returns the id of the workflow (the existing one when the idempotency key was used before) and
    /// the id of its queue entry ('' for an existing one).
    /// </summary>
    public const string Create = """
        local key, base, id = KEYS[1], ARGV[1], ARGV[2]
        if ARGV[3] ~= '' then
          local existing = redis.call('GET', base .. 'idem:' .. ARGV[3])
          if existing and redis.call('EXISTS', base .. existing) == 1 then return {existing, ''} end
          redis.call('SET', base .. 'idem:' .. ARGV[3], id, 'EX', ARGV[8])
        end
        local fields = {'meta', ARGV[4], 'order', ARGV[5], 'status', 'Pending', 'created', ARGV[6], 'seq', 1}
        for i = 12, #ARGV do fields[#fields + 1] = ARGV[i] end
        redis.call('HSET', key, unpack(fields))
        redis.call('ZADD', base .. 'index', ARGV[6], id)
        redis.call('ZADD', base .. 'status:Pending', ARGV[6], id)
        redis.call('XADD', key .. ':events', '*', 'seq', 1, 'event', ARGV[7])
        redis.call('XADD', base .. 'events', 'MAXLEN', '~', ARGV[9], '*', 'id', id, 'seq', 1, 'event', ARGV[7])
        local entry = redis.call('XADD', base .. 'queue', '*', 'id', id)
        if ARGV[11] == '1' then
          if redis.call('PUBSUB', 'SHARDNUMSUB', base .. 'events')[2] > 0 then redis.call('SPUBLISH', base .. 'events', id .. ':1') end
        elseif redis.call('PUBSUB', 'NUMSUB', base .. 'events')[2] > 0 then
          redis.call('PUBLISH', base .. 'events', id .. ':1')
        end
        redis.call('PUBLISH', ARGV[10], id)
        return {id, entry}
        """;

    /// <summary>
    /// One transition of a workflow: optionally only when this worker owns it and/or the status is
    /// one expected; writes the status, the header when it changed and the steps that changed,
    /// appends the events with their sequence numbers as one entry, <c>seq</c> of the first then one
    /// <c>event</c> field per event, to the workflow's stream and (after the workflow's <c>id</c>) to the
    /// global stream, whose entry id and index are the all-workflows feed's event id; notifies listening replicas once, moves
    /// the status indexes, re-queues, acknowledges the queue entry of a run that ends (<see cref="TrimQueue"/> removes it later), sets or
    /// removes expiry.
    /// A worker's first transition also claims the workflow (claimSeq): it becomes the owner only if
    /// nothing was committed since it read the workflow (the sequence is unchanged), so a worker
    /// that stopped and still commits cannot be overwritten with older state, and loses its claim.
    /// ARGV: base, id, owner, expected ('a|b'), status, meta (''), clearControl, enqueue, expire
    /// ('' keep, -1 persist, seconds), maxGlobalEvents, ackEntry (''), queuedChannel, claimSeq (''),
    /// sharded (as in <see cref="Create"/>), stepCount, stepCount field/value pairs, then the events.
    /// Returns the sequence of the last event (0 without events) or a negative code.
    /// </summary>
    public const string Save = """
        local key, base, id = KEYS[1], ARGV[1], ARGV[2]
        local owner, expected, status = ARGV[3], ARGV[4], ARGV[5]
        local f = redis.call('HMGET', key, 'status', 'owner', 'created', 'seq')
        local old, holder, created, seq = f[1], f[2], f[3], tonumber(f[4]) or 0
        if not old then return -1 end
        -- A worker never reopens a finished workflow: a cancel that landed between its read and
        -- its first save wins (and the worker acknowledges its entry).
        if owner ~= '' and (old == 'Completed' or old == 'Failed' or old == 'Canceled') then return -3 end
        local claiming = ARGV[13] ~= ''
        if claiming then
          if seq ~= tonumber(ARGV[13]) then return -2 end
        elseif owner ~= '' and holder ~= owner then
          return -2
        end
        if expected ~= '' and not string.find('|' .. expected .. '|', '|' .. old .. '|', 1, true) then return -3 end
        local steps = tonumber(ARGV[15])
        local first = 16 + 2 * steps
        local events = #ARGV - first + 1
        local fields = {'status', status}
        if ARGV[6] ~= '' then fields[3] = 'meta'; fields[4] = ARGV[6] end
        if claiming then fields[#fields + 1] = 'owner'; fields[#fields + 1] = owner end
        for i = 16, first - 1 do fields[#fields + 1] = ARGV[i] end
        if events > 0 then fields[#fields + 1] = 'seq'; fields[#fields + 1] = seq + events end
        redis.call('HSET', key, unpack(fields))
        if old ~= status then
          redis.call('ZREM', base .. 'status:' .. old, id)
          redis.call('ZADD', base .. 'status:' .. status, created, id)
        end
        if ARGV[7] == '1' then redis.call('HDEL', key, 'owner', 'cancel') end
        if events > 0 then
          local entry = {'seq', seq + 1}
          for i = first, #ARGV do
            entry[#entry + 1] = 'event'; entry[#entry + 1] = ARGV[i]
          end
          seq = seq + events
          redis.call('XADD', key .. ':events', '*', unpack(entry))
          redis.call('XADD', base .. 'events', 'MAXLEN', '~', ARGV[10], '*', 'id', id, unpack(entry))
          if ARGV[14] == '1' then
            if redis.call('PUBSUB', 'SHARDNUMSUB', base .. 'events')[2] > 0 then redis.call('SPUBLISH', base .. 'events', id .. ':' .. seq) end
          elseif redis.call('PUBSUB', 'NUMSUB', base .. 'events')[2] > 0 then
            redis.call('PUBLISH', base .. 'events', id .. ':' .. seq)
          end
        end
        if ARGV[8] == '1' then
          redis.call('XADD', base .. 'queue', '*', 'id', id)
          redis.call('PUBLISH', ARGV[12], id)
        end
        if ARGV[11] ~= '' then redis.call('XACK', base .. 'queue', 'workers', ARGV[11]) end
        if ARGV[9] == '-1' then
          redis.call('PERSIST', key)
          redis.call('PERSIST', key .. ':events')
          redis.call('PERSIST', key .. ':artifacts')
        elseif ARGV[9] ~= '' then
          redis.call('EXPIRE', key, ARGV[9])
          redis.call('EXPIRE', key .. ':events', ARGV[9])
          redis.call('EXPIRE', key .. ':artifacts', ARGV[9])
        end
        return seq
        """;

    /// <summary>
    /// Removes the queue's entries every worker is done with: those before both the oldest entry still
    /// pending (delivered, not acknowledged) and the last one delivered. Whole stream nodes only
    /// (<c>MINID ~</c>, no limit), so it is cheap and keeps a few acknowledged entries. Nothing else removes
    /// them: an acknowledgement per finished workflow costs no <c>XDEL</c>.
    /// KEYS[1] the queue. Returns the entries removed.
    /// </summary>
    public const string TrimQueue = """
        local queue = KEYS[1]
        if redis.call('EXISTS', queue) == 0 then return 0 end
        local floor
        for _, group in ipairs(redis.call('XINFO', 'GROUPS', queue)) do
          for i = 1, #group, 2 do
            if group[i] == 'last-delivered-id' then floor = group[i + 1] end
          end
        end
        if not floor then return 0 end
        local pending = redis.call('XPENDING', queue, 'workers')
        if pending[1] > 0 then
          local function parse(id) local ms, seq = string.match(id, '^(%d+)-(%d+)$'); return tonumber(ms), tonumber(seq) end
          local pms, pseq = parse(pending[2])
          local fms, fseq = parse(floor)
          if pms < fms or (pms == fms and pseq < fseq) then floor = pending[2] end
        end
        return redis.call('XTRIM', queue, 'MINID', '~', floor, 'LIMIT', 0)
        """;

    /// <summary>Deletes a finished workflow with its events, artifacts and index entries. ARGV: base, id.</summary>
    public const string Delete = """
        local key, base, id = KEYS[1], ARGV[1], ARGV[2]
        local status = redis.call('HGET', key, 'status')
        if not status then return -1 end
        if status ~= 'Completed' and status ~= 'Failed' and status ~= 'Canceled' then return -3 end
        redis.call('DEL', key, key .. ':events', key .. ':artifacts')
        redis.call('ZREM', base .. 'index', id)
        redis.call('ZREM', base .. 'status:' .. status, id)
        return 1
        """;
}
