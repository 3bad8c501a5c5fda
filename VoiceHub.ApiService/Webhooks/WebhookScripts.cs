namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// The delivery queue's Lua scripts: each step is atomic, so two replicas never claim the same due
/// delivery, an attempt is recorded once, and a replica whose claim expired can no longer record.
/// They reach deliveries by names built from a prefix, which suits the single Redis node the AppHost runs.
/// </summary>
internal static class WebhookScripts
{
    /// <summary>
    /// KEYS: raised, delivery, subscription deliveries, due. ARGV: delivery id, subscription id, event type,
    /// message id, body, now (ms), dedupe TTL (s), deliveries kept, dedupe (1/0), delivery key prefix.
    /// Returns 1 when enqueued, 0 when this event was already enqueued for the subscription.
    /// </summary>
    public const string Enqueue = """
        if ARGV[9] == '1' and not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[7]) then return 0 end
        redis.call('HSET', KEYS[2], 'sub', ARGV[2], 'event', ARGV[3], 'msg', ARGV[4], 'body', ARGV[5], 'status', 'pending',
            'attempts', 0, 'created', ARGV[6], 'since', ARGV[6], 'next', ARGV[6], 'claim', '')
        redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
        redis.call('ZADD', KEYS[4], ARGV[6], ARGV[1])
        local extra = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[8])
        if extra > 0 then
          for _, id in ipairs(redis.call('ZRANGE', KEYS[3], 0, extra - 1)) do
            redis.call('DEL', ARGV[10] .. id, ARGV[10] .. id .. ':attempts')
            redis.call('ZREM', KEYS[4], id)
          end
          redis.call('ZREMRANGEBYRANK', KEYS[3], 0, extra - 1)
        end
        return 1
        """;

    /// <summary>
    /// KEYS: due. ARGV: now (ms), claimed until (ms), how many, claim token, delivery key prefix.
    /// Returns [id, attempt, id, attempt, ...] of the deliveries now held by this token.
    /// </summary>
    public const string Claim = """
        local out = {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))) do
          local key = ARGV[5] .. id
          if redis.call('EXISTS', key) == 1 then
            redis.call('ZADD', KEYS[1], ARGV[2], id)
            local attempt = redis.call('HINCRBY', key, 'attempts', 1)
            redis.call('HSET', key, 'claim', ARGV[4])
            table.insert(out, id)
            table.insert(out, attempt)
          else
            redis.call('ZREM', KEYS[1], id)
          end
        end
        return out
        """;

    /// <summary>
    /// KEYS: due, delivery, attempts, subscription. ARGV: claim token, status, next due (ms, '' when final),
    /// attempt JSON, response code, error, outcome (1 success, 0 failure, 2 neither), failures that disable,
    /// disabled reason, now (ISO), delivery id.
    /// Returns -1 when the claim was lost, 1 when this failure disabled the subscription, else 0.
    /// </summary>
    public const string Complete = """
        if redis.call('HGET', KEYS[2], 'claim') ~= ARGV[1] then return -1 end
        redis.call('RPUSH', KEYS[3], ARGV[4])
        redis.call('HSET', KEYS[2], 'status', ARGV[2], 'code', ARGV[5], 'error', ARGV[6], 'claim', '', 'next', ARGV[3])
        if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[11]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[11]) end
        if redis.call('EXISTS', KEYS[4]) == 0 or ARGV[7] == '2' then return 0 end
        if ARGV[7] == '1' then
          redis.call('HSET', KEYS[4], 'failures', 0)
          return 0
        end
        local failures = redis.call('HINCRBY', KEYS[4], 'failures', 1)
        local disabled = redis.call('HGET', KEYS[4], 'disabled')
        if failures >= tonumber(ARGV[8]) and (not disabled or disabled == '') then
          redis.call('HSET', KEYS[4], 'disabled', ARGV[9], 'disabledAt', ARGV[10])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// KEYS: due, delivery. ARGV: now (ms), delivery id. Sends a finished delivery again from now:
    /// 1 done, 0 unknown, -1 in flight (claimed or due).
    /// </summary>
    public const string Redeliver = """
        if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
        if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return -1 end
        redis.call('HSET', KEYS[2], 'status', 'pending', 'since', ARGV[1], 'next', ARGV[1], 'claim', '')
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;
}
