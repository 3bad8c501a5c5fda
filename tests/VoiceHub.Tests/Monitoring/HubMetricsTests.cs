using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.Tests.Monitoring;

public sealed class HubMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly HubMetrics _metrics;

    public HubMetricsTests() => _metrics = new HubMetrics(_services.GetRequiredService<IMeterFactory>(), _time);

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Gauges_other_code_sets_start_at_zero_and_memory_is_reported()
    {
        var snapshot = _metrics.Snapshot();

        Assert.Equal(0, snapshot.Gauges["active_workflows"]);
        Assert.Equal(0, snapshot.Gauges["queue_backlog"]);
        Assert.True(snapshot.Gauges["memory_usage_mb"] > 0);
        Assert.Equal(0, snapshot.Timers["request_duration"].Count);
    }

    [Fact]
    public void Requests_count_by_lowercase_method_and_status_with_their_duration()
    {
        _metrics.RequestCompleted("GET", 200, TimeSpan.FromMilliseconds(10));
        _metrics.RequestCompleted("GET", 404, TimeSpan.FromMilliseconds(30));
        _metrics.RequestCompleted("POST", 200, TimeSpan.FromMilliseconds(20));
        _metrics.RequestCompleted("BREW", 501, TimeSpan.FromMilliseconds(1));

        var snapshot = _metrics.Snapshot();

        Assert.Equal(2, snapshot.Counters["requests.get"]);
        Assert.Equal(1, snapshot.Counters["requests.post"]);
        Assert.Equal(1, snapshot.Counters["requests.other"]);
        Assert.Equal(2, snapshot.Counters["responses.200"]);
        Assert.Equal(1, snapshot.Counters["responses.404"]);
        Assert.Equal(1, snapshot.Counters["responses.501"]);
        var duration = snapshot.Timers["request_duration"];
        Assert.Equal(4, duration.Count);
        Assert.Equal(0.001, duration.Min, 12);
        Assert.Equal(0.030, duration.Max, 12);
    }

    [Fact]
    public void Guide_style_calls_land_in_counters_gauges_and_timers()
    {
        _metrics.Increment("custom_event");
        _metrics.Increment("custom_event", 4);
        _metrics.SetGauge("queue_size", 10);
        _metrics.Record("processing_time", 0.5);
        using (_metrics.Time("operation"))
        {
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        var snapshot = _metrics.Snapshot();

        Assert.Equal(5, snapshot.Counters["custom_event"]);
        Assert.Equal(10, snapshot.Gauges["queue_size"]);
        Assert.Equal(0.5, snapshot.Timers["processing_time"].Max);
        Assert.Equal(2.0, snapshot.Timers["operation"].Max);
        Assert.Equal(1, snapshot.Timers["operation"].Count);
    }

    [Fact]
    public void Hub_events_have_their_own_names()
    {
        _metrics.CommandRecognised("run_tests");
        _metrics.CommandUnmatched();
        _metrics.WorkflowCreated("code-review");
        _metrics.WorkflowFinished("Completed");
        _metrics.WorkflowFinished("failed");
        _metrics.StepCompleted("CodeAnalysisAgent", TimeSpan.FromSeconds(1.5), succeeded: true);
        _metrics.StepCompleted("CodeAnalysisAgent", TimeSpan.FromSeconds(0.5), succeeded: false);
        _metrics.SetQueueBacklog(7);
        _metrics.SetActiveWorkflows(3);

        var snapshot = _metrics.Snapshot();

        Assert.Equal(1, snapshot.Counters["commands.recognised"]);
        Assert.Equal(1, snapshot.Counters["commands.unmatched"]);
        Assert.Equal(1, snapshot.Counters["workflows.created"]);
        Assert.Equal(1, snapshot.Counters["workflows.completed"]);
        Assert.Equal(1, snapshot.Counters["workflows.failed"]);
        Assert.Equal(1, snapshot.Counters["steps.succeeded"]);
        Assert.Equal(1, snapshot.Counters["steps.failed"]);
        Assert.Equal(2, snapshot.Timers["step_duration.CodeAnalysisAgent"].Count);
        Assert.Equal(7, snapshot.Gauges["queue_backlog"]);
        Assert.Equal(3, snapshot.Gauges["active_workflows"]);
    }

    [Fact]
    public void The_same_calls_reach_the_VoiceHub_meter_for_OTLP()
    {
        var seen = new List<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Extensions.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Describe(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Describe(tags))));
        listener.Start();

        _metrics.RequestCompleted("GET", 503, TimeSpan.FromSeconds(0.25));
        _metrics.CommandRecognised("run_tests");
        _metrics.StepCompleted("BuildAgent", TimeSpan.FromSeconds(2), succeeded: true);
        _metrics.SetActiveWorkflows(4);
        listener.RecordObservableInstruments();

        Assert.Contains(("voicehub.requests", 1, "http.request.method=GET"), seen);
        Assert.Contains(("voicehub.responses", 1, "http.response.status_code=503"), seen);
        Assert.Contains(("voicehub.request.duration", 0.25, ""), seen);
        Assert.Contains(("voicehub.commands.recognised", 1, "intent=run_tests"), seen);
        Assert.Contains(("voicehub.workflow.step.duration", 2, "agent=BuildAgent,outcome=succeeded"), seen);
        Assert.Contains(("voicehub.workflows.active", 4, ""), seen);
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var (key, value) in tags)
        {
            parts.Add($"{key}={value}");
        }

        return string.Join(",", parts);
    }
}
