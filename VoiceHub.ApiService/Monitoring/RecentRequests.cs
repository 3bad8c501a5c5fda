using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// Requests and 5xx responses over a sliding window (<see cref="HealthOptions.ErrorRateWindow"/>,
/// 5 minutes by default), for the <c>error_rate</c> and <c>request_volume</c> checks.
/// </summary>
/// <remarks>
/// A ring of <see cref="BucketCount"/> buckets, each one-sixtieth of the window wide, so the window
/// slides in steps of 5 s and memory is fixed. Recording is an Interlocked add; a bucket is reset
/// under its own lock only when time first enters it again, once per step.
/// </remarks>
public sealed class RecentRequests
{
    public const int BucketCount = 60;

    private readonly Bucket[] _buckets = Enumerable.Range(0, BucketCount).Select(_ => new Bucket()).ToArray();
    private readonly TimeProvider _time;
    private readonly long _bucketMilliseconds;

    public RecentRequests(TimeProvider time, IOptions<HealthOptions> options)
    {
        _time = time;
        Window = options.Value.ErrorRateWindow;
        _bucketMilliseconds = Math.Max(1, (long)Window.TotalMilliseconds / BucketCount);
    }

    public TimeSpan Window { get; }

    /// <summary>Counts one answered request; status 500 and above counts as an error.</summary>
    public void Record(int statusCode)
    {
        var bucket = Current();
        Interlocked.Increment(ref bucket.Requests);
        if (statusCode >= 500)
        {
            Interlocked.Increment(ref bucket.Errors);
        }
    }

    /// <summary>Requests and errors within the window now.</summary>
    public (long Requests, long Errors) Totals()
    {
        var slot = Slot();
        long requests = 0, errors = 0;
        foreach (var bucket in _buckets)
        {
            var age = slot - Volatile.Read(ref bucket.Slot);
            if (age is >= 0 and < BucketCount)
            {
                requests += Volatile.Read(ref bucket.Requests);
                errors += Volatile.Read(ref bucket.Errors);
            }
        }

        return (requests, errors);
    }

    /// <summary>Errors per request within the window; 0 when there were no requests.</summary>
    public double ErrorRate()
    {
        var (requests, errors) = Totals();
        return requests == 0 ? 0 : (double)errors / requests;
    }

    private long Slot() => _time.GetUtcNow().ToUnixTimeMilliseconds() / _bucketMilliseconds;

    private Bucket Current()
    {
        var slot = Slot();
        var bucket = _buckets[slot % BucketCount];
        if (Volatile.Read(ref bucket.Slot) != slot)
        {
            lock (bucket)
            {
                if (bucket.Slot != slot)
                {
                    // Counts are cleared before the new slot is published, so readers never add stale counts to it.
                    Volatile.Write(ref bucket.Requests, 0);
                    Volatile.Write(ref bucket.Errors, 0);
                    Volatile.Write(ref bucket.Slot, slot);
                }
            }
        }

        return bucket;
    }

    private sealed class Bucket
    {
        public long Slot = -1;
        public long Requests;
        public long Errors;
    }
}
