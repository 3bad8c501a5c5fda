using System.Buffers;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// A bounded-memory histogram of durations in seconds with logarithmic buckets (the DDSketch
/// scheme): bucket <c>k</c> holds values in <c>(γ^(k-1), γ^k]</c> with <c>γ = (1+α)/(1-α)</c>, and
/// reports them as <c>2γ^k/(γ+1)</c>, so every percentile is within a relative error
/// <see cref="RelativeAccuracy"/> (α = 1%) of the exact value of the same rank, for values between
/// <see cref="MinTrackable"/> (1 µs) and <see cref="MaxTrackable"/> (~27 h). Count, min, max and
/// the average are exact.
/// </summary>
/// <remarks>
/// Memory is fixed (about 10 KiB) whatever the number of samples. Recording is lock-free: one
/// logarithm, one <see cref="Interlocked.Increment(ref long)"/> on the bucket array and
/// compare-and-swap loops for sum, min and max. A snapshot taken while others record may be off by
/// the samples in flight; it never blocks them.
/// </remarks>
public sealed class LogBucketHistogram
{
    /// <summary>Largest relative error of a reported percentile (α).</summary>
    public const double RelativeAccuracy = 0.01;

    /// <summary>Smallest value told apart from zero; smaller ones count in a zero bucket.</summary>
    public const double MinTrackable = 1e-6;

    /// <summary>Largest value with the stated accuracy; larger ones count in the top bucket.</summary>
    public const double MaxTrackable = 1e5;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);
    private static readonly int MinKey = KeyOf(MinTrackable);
    private static readonly int BucketCount = KeyOf(MaxTrackable) - MinKey + 2; // + the zero bucket

    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Adds one value. Negative and non-finite values are ignored: a metric call never throws.</summary>
    public void Record(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return;
        }

        Interlocked.Increment(ref _buckets[IndexOf(seconds)]);
        Interlocked.Increment(ref _count);
        Add(ref _sum, seconds);
        Lower(ref _min, seconds);
        Raise(ref _max, seconds);
    }

    /// <summary>Count, min, max, average and p50/p95/p99; all zero when nothing was recorded.</summary>
    public TimerSummary Summarize()
    {
        // One copy of the buckets, so the three percentiles agree while others keep recording;
        // pooled, so rendering /api/metrics does not allocate 10 KiB per timer.
        var rented = ArrayPool<long>.Shared.Rent(BucketCount);
        try
        {
            var counts = rented.AsSpan(0, BucketCount);
            long total = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = Volatile.Read(ref _buckets[i]);
                total += counts[i];
            }

            if (total == 0)
            {
                return TimerSummary.Empty;
            }

            var count = Volatile.Read(ref _count);
            var min = Volatile.Read(ref _min);
            var max = Volatile.Read(ref _max);
            return new TimerSummary(
                count,
                min,
                max,
                Volatile.Read(ref _sum) / count,
                Percentile(counts, total, 0.50, min, max),
                Percentile(counts, total, 0.95, min, max),
                Percentile(counts, total, 0.99, min, max));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The value of rank <c>floor(q·(n-1))</c> in sorted order, estimated from its bucket and kept
    /// within [min, max], which only brings it closer to the exact value.
    /// </summary>
    private static double Percentile(ReadOnlySpan<long> counts, long total, double quantile, double min, double max)
    {
        var rank = (long)(quantile * (total - 1));
        long seen = 0;
        var index = counts.Length - 1;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen > rank)
            {
                index = i;
                break;
            }
        }

        var estimate = index == 0 ? 0 : 2 * Math.Pow(Gamma, index - 1 + MinKey) / (Gamma + 1);
        return Math.Clamp(estimate, min, max);
    }

    private static int KeyOf(double value) => (int)Math.Ceiling(Math.Log(value) / LogGamma);

    private static int IndexOf(double value) =>
        value < MinTrackable ? 0 : Math.Min(KeyOf(value) - MinKey + 1, BucketCount - 1);

    private static void Add(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    private static void Lower(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    private static void Raise(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
