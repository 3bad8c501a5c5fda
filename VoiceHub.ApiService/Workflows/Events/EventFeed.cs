using System.Threading.Channels;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>
/// One SSE client's share of the replica's fan-out: entries arrive here without the client touching
/// Redis. A client too slow to keep up is not allowed to hold the others back: its feed marks itself
/// <see cref="Overflowed"/>, and the client reads what it missed from the stream itself.
/// </summary>
public sealed class EventFeed : IDisposable
{
    private const int Capacity = 256;
    private readonly Channel<EventEntry> _channel = Channel.CreateBounded<EventEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action<EventFeed> _unsubscribe;
    private int _overflowed;

    internal EventFeed(Action<EventFeed> unsubscribe) => _unsubscribe = unsubscribe;

    /// <summary>Whether entries were dropped since the last <see cref="TakeOverflow"/>; the reader must re-read the stream.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    internal void Publish(EventEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Volatile.Write(ref _overflowed, 1);
        }
    }

    /// <summary>True once when entries were dropped; clears the mark.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    /// <summary>The next entries, or none when <paramref name="idle"/> passes first (time for a heartbeat).</summary>
    public async Task<IReadOnlyList<EventEntry>> NextAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        var batch = new List<EventEntry>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            if (await _channel.Reader.WaitToReadAsync(timeout.Token))
            {
                while (batch.Count < Capacity && _channel.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Idle: the caller sends a heartbeat.
        }

        return batch;
    }

    public void Dispose() => _unsubscribe(this);
}
