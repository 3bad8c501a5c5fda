namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Lua scripts of schedules: each is atomic and names every key it touches in KEYS, all of one
/// hash slot (see <see cref="ScheduleKeys"/>), so they run on a cluster too.
/// </summary>
internal static class ScheduleScripts
{
    /// <summary>
    /// KEYS: index, due, schedule hash, owners. ARGV: id, createdMs, nextMs, definition JSON,
    /// max schedules, max per owner, owner field. Returns 1 created, -1 hub full, -2 owner full.
    /// </summary>
    public const string Create = """
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then return -1 end
        if tonumber(redis.call('HGET', KEYS[4], ARGV[7]) or '0') >= tonumber(ARGV[6]) then return -2 end
        redis.call('HSET', KEYS[3], 'def', ARGV[4], 'paused', '0', 'fires', 0, 'missed', 0)
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        redis.call('HINCRBY', KEYS[4], ARGV[7], 1)
        return 1
        """;

    /// <summary>KEYS: index, due, schedule hash, fires list, owners. ARGV: id, owner field. Returns 1 deleted, 0 unknown.</summary>
    public const string Delete = """
        if redis.call('DEL', KEYS[3]) == 0 then return 0 end
        redis.call('DEL', KEYS[4])
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        if redis.call('HINCRBY', KEYS[5], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[5], ARGV[2]) end
        return 1
        """;

    /// <summary>
    /// KEYS: due, schedule hash. ARGV: id, paused ('1' pause, '0' resume), nextMs (resume; '' when it never fires again).
    /// Returns 1 changed, 0 already so, -1 unknown.
    /// </summary>
    public const string SetPaused = """
        local paused = redis.call('HGET', KEYS[2], 'paused')
        if not paused then return -1 end
        if paused == ARGV[2] then return 0 end
        redis.call('HSET', KEYS[2], 'paused', ARGV[2])
        if ARGV[2] == '1' or ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1])
        else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
        return 1
        """;

    /// <summary>
    /// Claims one occurrence: only the replica that still finds the schedule due at the expected
    /// time wins; it moves the schedule to its next occurrence and, when it fires, records the
    /// claim with a lease, all in one step.
    /// KEYS: due, claims, leases, schedule hash. ARGV: id, expectedMs, nextMs ('' none), leaseUntilMs,
    /// fire ('1'/'0'), claim JSON, missed count, claim field. Returns 1 when this caller won.
    /// </summary>
    public const string Claim = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
        if redis.call('HGET', KEYS[4], 'paused') ~= '0' then
          redis.call('ZREM', KEYS[1], ARGV[1])
          return 0
        end
        if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
        if tonumber(ARGV[7]) > 0 then redis.call('HINCRBY', KEYS[4], 'missed', ARGV[7]) end
        if ARGV[5] == '1' then
          redis.call('HSET', KEYS[2], ARGV[8], ARGV[6])
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[8])
        end
        return 1
        """;

    /// <summary>
    /// Takes over a claim whose lease has ended (its replica died or stalled between claim and start).
    /// KEYS: claims, leases. ARGV: claim field, nowMs, new leaseUntilMs. Returns the claim JSON, or false.
    /// </summary>
    public const string TakeOver = """
        local lease = redis.call('ZSCORE', KEYS[2], ARGV[1])
        if not lease or tonumber(lease) > tonumber(ARGV[2]) then return false end
        local claim = redis.call('HGET', KEYS[1], ARGV[1])
        if not claim then
          redis.call('ZREM', KEYS[2], ARGV[1])
          return false
        end
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return claim
        """;

    /// <summary>
    /// Settles a claim once its workflow started (or could not): the first to settle records the
    /// fire; a late duplicate finds the claim gone and records nothing.
    /// KEYS: claims, leases, schedule hash, fires list. ARGV: claim field, fire JSON, fires kept.
    /// Returns 1 when this call recorded the fire.
    /// </summary>
    public const string Complete = """
        if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        if redis.call('EXISTS', KEYS[3]) == 1 then
          redis.call('HINCRBY', KEYS[3], 'fires', 1)
          redis.call('LPUSH', KEYS[4], ARGV[2])
          redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[3]) - 1)
        end
        return 1
        """;
}
