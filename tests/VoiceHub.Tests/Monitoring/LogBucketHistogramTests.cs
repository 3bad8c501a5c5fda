using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.Tests.Monitoring;

public sealed class LogBucketHistogramTests
{
    // Floating-point slack at bucket edges, far below the 1% the histogram promises.
    private const double Tolerance = LogBucketHistogram.RelativeAccuracy + 1e-9;

    public static TheoryData<string> Distributions => ["uniform", "exponential", "lognormal", "bimodal", "constant", "wide"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Percentiles_are_within_the_stated_relative_error_of_the_exact_values(string distribution)
    {
        var samples = Sample(distribution, 20_000, new Random(42));

        var summary = Summarize(samples);

        var sorted = samples.Order().ToArray();
        AssertWithin(Exact(sorted, 0.50), summary.P50, "p50");
        AssertWithin(Exact(sorted, 0.95), summary.P95, "p95");
        AssertWithin(Exact(sorted, 0.99), summary.P99, "p99");
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Count_min_max_and_average_are_exact(string distribution)
    {
        var samples = Sample(distribution, 5_000, new Random(7));

        var summary = Summarize(samples);

        Assert.Equal(samples.Length, summary.Count);
        Assert.Equal(samples.Min(), summary.Min);
        Assert.Equal(samples.Max(), summary.Max);
        Assert.Equal(samples.Sum() / samples.Length, summary.Avg, 12);
    }

    [Fact]
    public void An_empty_histogram_summarises_as_zeros()
    {
        Assert.Equal(TimerSummary.Empty, new LogBucketHistogram().Summarize());
    }

    [Fact]
    public void Zero_and_values_outside_the_tracked_range_keep_exact_min_and_max()
    {
        var histogram = new LogBucketHistogram();
        histogram.Record(0);
        histogram.Record(LogBucketHistogram.MaxTrackable * 10);

        var summary = histogram.Summarize();

        Assert.Equal(0, summary.Min);
        Assert.Equal(0, summary.P50);
        Assert.Equal(LogBucketHistogram.MaxTrackable * 10, summary.Max);
        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void Negative_and_non_finite_values_are_ignored()
    {
        var histogram = new LogBucketHistogram();
        histogram.Record(-1);
        histogram.Record(double.NaN);
        histogram.Record(double.PositiveInfinity);
        histogram.Record(0.25);

        var summary = histogram.Summarize();

        Assert.Equal(1, summary.Count);
        Assert.Equal(0.25, summary.Min);
        Assert.Equal(0.25, summary.Max);
    }

    [Fact]
    public void Concurrent_recording_loses_no_samples()
    {
        var histogram = new LogBucketHistogram();

        Parallel.For(0, 100_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => histogram.Record((i % 1000 + 1) / 1000.0));

        var summary = histogram.Summarize();
        Assert.Equal(100_000, summary.Count);
        Assert.Equal(0.001, summary.Min);
        Assert.Equal(1.0, summary.Max);
        Assert.Equal(0.5005, summary.Avg, 9);
    }

    private static TimerSummary Summarize(IEnumerable<double> samples)
    {
        var histogram = new LogBucketHistogram();
        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        return histogram.Summarize();
    }

    private static double Exact(double[] sorted, double quantile) => sorted[(int)Math.Floor(quantile * (sorted.Length - 1))];

    private static void AssertWithin(double exact, double estimate, string what)
    {
        var error = Math.Abs(estimate - exact) / exact;
        Assert.True(error <= Tolerance, $"{what}: estimate {estimate} vs exact {exact}, relative error {error:P3}");
    }

    private static double[] Sample(string distribution, int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => distribution switch
        {
            // Request-like durations in seconds.
            "uniform" => 0.001 + random.NextDouble() * 2,
            "exponential" => 0.0005 - 0.120 * Math.Log(1 - random.NextDouble()),
            "lognormal" => Math.Exp(Math.Log(0.1) + 0.8 * Normal(random)),
            "bimodal" => random.NextDouble() < 0.9 ? 0.010 + random.NextDouble() * 0.005 : 1.5 + random.NextDouble(),
            "constant" => 0.123,
            // Microseconds to hours: the whole tracked range.
            "wide" => Math.Pow(10, -5.5 + random.NextDouble() * 9.5),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
        }).ToArray();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
