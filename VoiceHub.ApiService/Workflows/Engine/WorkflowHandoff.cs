using System.Collections.Concurrent;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Workflows this process just created, kept for its own workers: a worker that takes the fresh queue
/// entry of one (<see cref="QueueEntry.Fresh"/>) runs the copy held here instead of reading the
/// workflow back from Redis (one read and one round trip fewer per workflow).
/// </summary>
/// <remarks>
/// The copy is the workflow as created: its hash fields, the very bytes the create script stored, at
/// event sequence 1. The run's first commit claims the workflow only at that sequence, so a copy
/// that is out of date (a cancel committed meanwhile) fails the claim exactly as an out-of-date read
/// would. Only fresh entries use it: an entry claimed from a stopped worker may have progressed.
/// Only a replica that runs workers keeps copies. Bounded: at most <see cref="Capacity"/> copies (when full, new workflows are read back as before)
/// and none older than <see cref="MaxAge"/> (entries another replica's worker took are dropped unused).
/// </remarks>
public sealed class WorkflowHandoff(TimeProvider time)
{
    public const int Capacity = 4096;

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, RedisValue>> _byEntry = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Entry, DateTimeOffset At)> _arrivals = new();

    /// <summary>Copies handed to a worker since the process started.</summary>
    public long Handed => Interlocked.Read(ref _handed);

    /// <summary>Copies held now.</summary>
    public int Held => Volatile.Read(ref _held);

    private long _handed;
    private int _held; // ConcurrentDictionary.Count takes every lock

    /// <summary>Keeps the fields of a workflow just created under its queue entry.</summary>
    public void Offer(string entryId, IReadOnlyDictionary<string, RedisValue> fields)
    {
        var now = time.GetUtcNow();
        while (_arrivals.TryPeek(out var oldest) && now - oldest.At > MaxAge && _arrivals.TryDequeue(out oldest))
        {
            if (_byEntry.TryRemove(oldest.Entry, out _))
            {
                Interlocked.Decrement(ref _held);
            }
        }

        if (Volatile.Read(ref _held) < Capacity && _byEntry.TryAdd(entryId, fields))
        {
            Interlocked.Increment(ref _held);
            _arrivals.Enqueue((entryId, now));
        }
    }

    /// <summary>Takes the copy kept for a queue entry, if this process created its workflow and still holds it.</summary>
    public bool TryTake(string entryId, out IReadOnlyDictionary<string, RedisValue> fields)
    {
        if (_byEntry.TryRemove(entryId, out fields!))
        {
            Interlocked.Decrement(ref _held);
            Interlocked.Increment(ref _handed);
            return true;
        }

        return false;
    }
}
