using System.Diagnostics.Metrics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.Benchmarks;

/// <summary>
/// What metrics cost the hub: one counter increment, one timer value, the middleware's per-request
/// call, each with nothing listening to the meter and with a listener (as when OTLP export is on),
/// and rendering the <c>/api/metrics</c> body.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private ServiceProvider _services = null!;
    private HubMetrics _metrics = null!;
    private MeterListener? _listener;

    [Params(false, true)]
    public bool MeterListened { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new HubMetrics(_services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
        if (MeterListened)
        {
            // Stands in for the OpenTelemetry SDK: every VoiceHub instrument enabled, measurements dropped.
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == Extensions.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
            _listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _listener.Start();
        }

        // A snapshot of a warmed-up hub: the usual counters and a few timers with samples.
        var random = new Random(1);
        for (var i = 0; i < 10_000; i++)
        {
            _metrics.RequestCompleted(i % 5 == 0 ? "POST" : "GET", i % 50 == 0 ? 404 : 200, TimeSpan.FromMilliseconds(random.Next(1, 500)));
            _metrics.StepCompleted("Agent" + (i % 4), TimeSpan.FromMilliseconds(random.Next(10, 5000)), succeeded: i % 20 != 0);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _services.Dispose();
    }

    [Benchmark(Description = "Increment(counter)")]
    public void IncrementCounter() => _metrics.Increment("custom_event");

    [Benchmark(Description = "Record(timer, seconds)")]
    public void RecordTimer() => _metrics.Record("processing_time", 0.0123);

    [Benchmark(Description = "RequestCompleted (per request)")]
    public void RequestCompleted() => _metrics.RequestCompleted("GET", 200, TimeSpan.FromMilliseconds(12.3));

    [Benchmark(Description = "/api/metrics snapshot + JSON")]
    public byte[] RenderSnapshot() => JsonSerializer.SerializeToUtf8Bytes(_metrics.Snapshot(), Web);
}
