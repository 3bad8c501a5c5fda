namespace VoiceHub.ApiService.Threads;

/// <summary>
/// Lua scripts, so each operation is one round trip and atomic: concurrent appends cannot skip
/// or repeat a sequence number, and no interleaving can exceed a limit.
/// Activity scores come from a Redis counter, not from clocks: replicas' clocks differ and two
/// writes in one millisecond would tie, while the counter gives every write its own place.
/// The scripts build the keys of evicted or listed threads from a prefix, so they suit a single
/// Redis node (what the AppHost runs), not a cluster.
/// </summary>
internal static class ThreadScripts
{
    /// <summary>
    /// KEYS: index, clock, thread hash. ARGV: id, title ('' for none), now, metadata JSON,
    /// max threads, thread key prefix, owner ('' for none). Returns the ids it evicted to make room.
    /// </summary>
    public const string Create = """
        local evicted = {}
        local max = tonumber(ARGV[5])
        while redis.call('ZCARD', KEYS[1]) >= max do
          local oldest = redis.call('ZPOPMIN', KEYS[1])
          if #oldest == 0 then break end
          redis.call('DEL', ARGV[6] .. oldest[1], ARGV[6] .. oldest[1] .. ':messages')
          evicted[#evicted + 1] = oldest[1]
        end
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])
        redis.call('HSET', KEYS[3], 'createdAt', ARGV[3], 'updatedAt', ARGV[3],
          'messageCount', 0, 'lastSequence', 0, 'metadata', ARGV[4])
        if ARGV[2] ~= '' then redis.call('HSET', KEYS[3], 'title', ARGV[2]) end
        if ARGV[7] ~= '' then redis.call('HSET', KEYS[3], 'owner', ARGV[7]) end
        return evicted
        """;

    /// <summary>
    /// KEYS: index, clock, thread hash, messages list. ARGV: id, now, max messages, then one JSON
    /// object per message without its sequence (the script adds it). Returns false for an unknown
    /// thread, else { first sequence, messages kept }.
    /// </summary>
    public const string Append = """
        if redis.call('EXISTS', KEYS[3]) == 0 then return false end
        local n = #ARGV - 3
        local first = redis.call('HINCRBY', KEYS[3], 'lastSequence', n) - n + 1
        for i = 1, n do
          redis.call('RPUSH', KEYS[4], '{"sequence":' .. (first + i - 1) .. ',' .. string.sub(ARGV[i + 3], 2))
        end
        redis.call('LTRIM', KEYS[4], -tonumber(ARGV[3]), -1)
        local count = redis.call('LLEN', KEYS[4])
        redis.call('HSET', KEYS[3], 'messageCount', count, 'updatedAt', ARGV[2])
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])
        return { first, count }
        """;

    /// <summary>
    /// KEYS: index. ARGV: start, stop (0-based, inclusive), thread key prefix.
    /// Returns { total, id1, fields1, id2, fields2, ... }, most recently active first.
    /// </summary>
    public const string List = """
        local result = { redis.call('ZCARD', KEYS[1]) }
        for _, id in ipairs(redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2])) do
          result[#result + 1] = id
          result[#result + 1] = redis.call('HGETALL', ARGV[3] .. id)
        end
        return result
        """;

    /// <summary>
    /// KEYS: thread hash, messages list. ARGV: start, stop. Returns false for an unknown thread,
    /// else { messages kept, { message JSON... } }, oldest first.
    /// </summary>
    public const string ListMessages = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        return { redis.call('LLEN', KEYS[2]), redis.call('LRANGE', KEYS[2], ARGV[1], ARGV[2]) }
        """;

    /// <summary>KEYS: index, thread hash, messages list. ARGV: id. Returns 1 if the thread existed.</summary>
    public const string Delete = """
        local existed = redis.call('EXISTS', KEYS[2])
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2], KEYS[3])
        return existed
        """;
}
