using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>Counts the open streams of this replica, in all and per caller, and refuses one past either cap.</summary>
public sealed class EventStreamLimits(IOptions<EventStreamOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _byCaller = new();
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>A slot for one stream, or null with the reason (replica full: 503; caller at its cap: 429).</summary>
    public (IDisposable? Slot, int Status) TryOpen(string caller)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.MaxStreamsPerReplica)
        {
            Interlocked.Decrement(ref _total);
            return (null, StatusCodes.Status503ServiceUnavailable);
        }

        if (_byCaller.AddOrUpdate(caller, 1, (_, n) => n + 1) > limits.MaxStreamsPerCaller)
        {
            Release(caller);
            return (null, StatusCodes.Status429TooManyRequests);
        }

        return (new Slot(this, caller), StatusCodes.Status200OK);
    }

    private void Release(string caller)
    {
        Interlocked.Decrement(ref _total);
        _byCaller.AddOrUpdate(caller, 0, (_, n) => n - 1);
        _byCaller.TryRemove(new KeyValuePair<string, int>(caller, 0));
    }

    private sealed class Slot(EventStreamLimits owner, string caller) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(caller);
            }
        }
    }
}
