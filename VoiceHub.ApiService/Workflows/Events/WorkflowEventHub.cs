using System.Collections.Concurrent;
using StackExchange.Redis;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>
/// The replica's one Redis subscription to workflow events, fanned out to its local SSE clients.
/// A notification (<c>id:seq</c>, published by the engine's scripts on a sharded channel in the
/// engine's slot on Redis 7+, and only while some replica subscribes) makes the hub read the new
/// entries once per workflow — not once per client — and hand them to every feed of that workflow
/// (and of the global stream). Redis work grows with events, not with listeners. A sweep re-reads
/// every followed stream every few seconds, so a lost notification only delays an event.
/// </summary>
public sealed class WorkflowEventHub(IConnectionMultiplexer redis, WorkflowStore store, ILogger<WorkflowEventHub> logger) : IAsyncDisposable
{
    internal const string Global = "";
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, FeedGroup> _groups = new();
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweep;

    /// <summary>How many feeds this replica serves now.</summary>
    public int FeedCount => _groups.Values.Sum(g => g.Count);

    /// <summary>A feed of one workflow's events; register it before replaying, so nothing falls between.</summary>
    public Task<EventFeed> SubscribeAsync(string workflowId) => JoinAsync(workflowId, "0-0");

    /// <summary>A feed of every workflow's events, from the global stream's current end.</summary>
    public async Task<EventFeed> SubscribeAllAsync() => await JoinAsync(Global, await store.LastGlobalEventIdAsync());

    private async Task<EventFeed> JoinAsync(string key, string from)
    {
        await EnsureStartedAsync();
        while (true)
        {
            var group = _groups.GetOrAdd(key, _ => new FeedGroup(from));
            var feed = new EventFeed(f => Leave(key, group, f));
            group.Add(feed);
            // The last feed of a group may have left and removed it meanwhile: join the group that is listed.
            if (_groups.TryGetValue(key, out var listed) && ReferenceEquals(listed, group))
            {
                return feed;
            }

            group.Remove(feed);
        }
    }

    private void Leave(string key, FeedGroup group, EventFeed feed)
    {
        if (group.Remove(feed) == 0)
        {
            _groups.TryRemove(new KeyValuePair<string, FeedGroup>(key, group));
        }
    }

    private async Task EnsureStartedAsync()
    {
        if (_sweep is not null)
        {
            return;
        }

        await _startLock.WaitAsync();
        try
        {
            if (_sweep is null)
            {
                await redis.GetSubscriber().SubscribeAsync(store.EventsChannel, (_, message) => OnNotified(message));
                _sweep = SweepAsync(_stopping.Token);
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private void OnNotified(RedisValue message)
    {
        var text = message.ToString();
        var colon = text.IndexOf(':');
        var workflowId = colon > 0 ? text[..colon] : text;
        if (_groups.TryGetValue(workflowId, out var group))
        {
            _ = FetchAsync(workflowId, group);
        }

        if (_groups.TryGetValue(Global, out var global))
        {
            _ = FetchAsync(Global, global);
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(SweepEvery);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var (key, group) in _groups)
            {
                await FetchAsync(key, group);
            }
        }
    }

    /// <summary>Reads what the group has not seen yet and hands it to every feed; at most one read per group at a time.</summary>
    private async Task FetchAsync(string key, FeedGroup group)
    {
        if (!group.TryBeginFetch())
        {
            return;
        }

        try
        {
            do
            {
                var entries = key == Global
                    ? (await store.ReadGlobalEntriesAsync(group.LastEntryId)).Events
                    : await store.ReadEventEntriesAsync(key, group.LastEntryId);
                group.Broadcast(entries);
            }
            while (group.EndFetch());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            group.AbandonFetch();
            logger.LogWarning(ex, "Could not read events for {Stream}; the next notification or sweep retries", key == Global ? "the global stream" : key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_sweep is not null)
        {
            await redis.GetSubscriber().UnsubscribeAsync(store.EventsChannel);
        }

        _stopping.Dispose();
    }
}
