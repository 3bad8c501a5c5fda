using System.Collections.Concurrent;
using System.Threading.Channels;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Wakes Server-Sent Events readers when any replica appends an event (Redis pub/sub), so they
/// read the stream at once instead of polling. One subscription per process; events themselves
/// are always read from the streams, so a lost notification only delays, never drops, an event.
/// </summary>
public sealed class EventSignal(IConnectionMultiplexer redis, WorkflowStore store) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Channel<bool>, byte> _listeners = new();
    private readonly SemaphoreSlim _subscribeLock = new(1, 1);
    private bool _subscribed;

    /// <summary>A channel that receives a value whenever events were appended; dispose the lease to stop.</summary>
    public async Task<Lease> ListenAsync()
    {
        await EnsureSubscribedAsync();
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _listeners[channel] = 0;
        return new Lease(this, channel);
    }

    private async Task EnsureSubscribedAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribeLock.WaitAsync();
        try
        {
            if (!_subscribed)
            {
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(store.Keys.EventsChannel), (_, _) =>
                {
                    foreach (var listener in _listeners.Keys)
                    {
                        listener.Writer.TryWrite(true);
                    }
                });
                _subscribed = true;
            }
        }
        finally
        {
            _subscribeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            await redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(store.Keys.EventsChannel));
        }
    }

    /// <summary>One reader's registration.</summary>
    public sealed class Lease(EventSignal owner, Channel<bool> channel) : IDisposable
    {
        /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
        public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                await channel.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: the caller re-reads the stream anyway.
            }
        }

        public void Dispose() => owner._listeners.TryRemove(channel, out _);
    }
}
