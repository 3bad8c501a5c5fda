using System.Diagnostics;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>
/// A Redis-counted limiter that lets requests through while Redis does not answer: the limits
/// protect the hub, and refusing everything (monitoring included) during a Redis outage would turn
/// a degraded hub into a dead one. The outage is logged, at most every 30 s.
/// </summary>
internal sealed class FailOpenRateLimiter(RateLimiter inner, ILogger logger) : RateLimiter
{
    private static long _lastWarning;

    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics()
    {
        try
        {
            return inner.GetStatistics();
        }
        catch (Exception ex) when (IsRedisOutage(ex))
        {
            return null;
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        try
        {
            return inner.AttemptAcquire(permitCount);
        }
        catch (Exception ex) when (IsRedisOutage(ex))
        {
            return Allow(ex);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AcquireAsync(permitCount, cancellationToken);
        }
        catch (Exception ex) when (IsRedisOutage(ex))
        {
            return Allow(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private static bool IsRedisOutage(Exception ex) => ex is RedisException or TimeoutException;

    private RateLimitLease Allow(Exception ex)
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (Stopwatch.GetElapsedTime(last, now) > TimeSpan.FromSeconds(30) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            logger.LogWarning(ex, "Rate limits are not enforced: Redis did not answer ({Reason}). Requests pass until it does.", ex.Message);
        }

        return AllowedLease.Instance;
    }

    private sealed class AllowedLease : RateLimitLease
    {
        public static readonly AllowedLease Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
