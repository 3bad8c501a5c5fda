using StackExchange.Redis;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// An entry of the work stream: which workflow to run; <see cref="Fresh"/> when delivered for the first
/// time (not claimed from a worker that stopped), so its workflow is as it was queued.
/// </summary>
public sealed record QueueEntry(string EntryId, string WorkflowId, bool Fresh = false);

/// <summary>
/// The Redis Stream that hands workflows to workers through one consumer group. An entry stays
/// pending until its workflow is finished and saved; entries idle longer than the claim timeout
/// belong to a dead worker and are claimed again (XAUTOCLAIM). Acknowledged entries are trimmed with
/// each worker's heartbeat, not deleted one by one.
/// </summary>
public sealed class WorkflowQueue(IConnectionMultiplexer redis, WorkflowStore store)
{
    private WorkflowKeys Keys => store.Keys;

    private IDatabase Db => redis.GetDatabase();

    private volatile bool _groupExists;

    /// <summary>Creates the consumer group once per process (again after Redis lost it: see <see cref="ReadNewAsync"/>).</summary>
    public async Task EnsureGroupAsync()
    {
        if (_groupExists)
        {
            return;
        }

        try
        {
            await Db.StreamCreateConsumerGroupAsync(Keys.Queue, WorkflowKeys.ConsumerGroup, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }

        _groupExists = true;
    }

    /// <summary>Takes up to <paramref name="count"/> never-delivered entries, oldest first.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ReadNewAsync(string consumer, int count)
    {
        try
        {
            var entries = await Db.StreamReadGroupAsync(Keys.Queue, WorkflowKeys.ConsumerGroup, consumer, ">", count);
            return entries.Select(e => ToEntry(e) with { Fresh = true }).ToList();
        }
        catch (RedisServerException ex) when (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
        {
            _groupExists = false; // flushed or restarted without persistence: the next round creates it
            return [];
        }
    }

    /// <summary>Claims up to <paramref name="count"/> entries whose worker stopped touching them.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ClaimAbandonedAsync(string consumer, TimeSpan minIdle, int count)
    {
        var result = await Db.StreamAutoClaimAsync(
            Keys.Queue, WorkflowKeys.ConsumerGroup, consumer, (long)minIdle.TotalMilliseconds, "0-0", count);
        return result.ClaimedEntries.Where(e => !e.IsNull).Select(ToEntry).ToList();
    }

    /// <summary>Resets the idle time of entries this worker is running, so nobody claims them.</summary>
    public async Task HeartbeatAsync(string consumer, IReadOnlyCollection<string> entryIds)
    {
        if (entryIds.Count > 0)
        {
            await Db.StreamClaimIdsOnlyAsync(
                Keys.Queue, WorkflowKeys.ConsumerGroup, consumer, 0, entryIds.Select(id => (RedisValue)id).ToArray());
        }
    }

    /// <summary>
    /// Acknowledges an entry whose workflow is finished and saved (<see cref="TrimAsync"/> removes it).
    /// (A run that finishes acknowledges in its final commit; this is for entries found finished.)
    /// </summary>
    public Task CompleteAsync(string entryId) => Db.StreamAcknowledgeAsync(Keys.Queue, WorkflowKeys.ConsumerGroup, entryId);

    /// <summary>Removes the entries every worker is done with (<see cref="WorkflowScripts.TrimQueue"/>); returns how many.</summary>
    public async Task<long> TrimAsync() => (long)await Db.ScriptEvaluateAsync(WorkflowScripts.TrimQueue, [Keys.Queue]);

    /// <summary>Entries waiting for a worker (not yet delivered) and the age of the oldest one.</summary>
    public async Task<(long Waiting, TimeSpan? OldestAge, long InFlight)> GetBacklogAsync(DateTimeOffset now)
    {
        if (!await Db.KeyExistsAsync(Keys.Queue))
        {
            return (0, null, 0);
        }

        var groups = await Db.StreamGroupInfoAsync(Keys.Queue);
        var group = groups.FirstOrDefault(g => g.Name == WorkflowKeys.ConsumerGroup);
        var lastDelivered = group.Name is null ? "0-0" : group.LastDeliveredId ?? "0-0";
        var waiting = await Db.StreamRangeAsync(Keys.Queue, minId: "(" + lastDelivered, count: 1);
        var total = group.Name is null ? await Db.StreamLengthAsync(Keys.Queue) : group.Lag ?? 0;
        TimeSpan? age = waiting.Length == 0 ? null : now - EntryTime(waiting[0].Id!);
        return (waiting.Length == 0 ? 0 : total, age, group.PendingMessageCount);
    }

    private static DateTimeOffset EntryTime(string entryId) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(entryId.AsSpan(0, entryId.IndexOf('-')), System.Globalization.CultureInfo.InvariantCulture));

    private static QueueEntry ToEntry(StreamEntry entry) => new(entry.Id!, entry["id"]!);
}
