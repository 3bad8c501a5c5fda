using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// The hub's metrics, one singleton per process: the performance guide's API
/// (<see cref="Increment"/>, <see cref="SetGauge"/>, <see cref="Record"/>, <see cref="Time"/>) and
/// named helpers for the hub's own events. Every call lands in two places: this replica's
/// counters, gauges and histograms, which <c>GET /api/metrics</c> renders, and the instruments of
/// the <c>VoiceHub</c> meter, which go over OTLP to the dashboard.
/// </summary>
/// <remarks>
/// Recording into both here, rather than aggregating the instruments with a MeterListener, keeps
/// one cheap call path, keeps the guide's names (<c>requests.get</c>) apart from OpenTelemetry's
/// (<c>voicehub.requests{http.request.method=GET}</c>), and keeps <c>/api/metrics</c> exact
/// whether or not anything listens to the meter. A listener would also see every VoiceHub meter
/// in the process, so two test hosts would count each other's traffic.
/// </remarks>
public sealed class HubMetrics
{
    public const string RequestDurationTimer = "request_duration";
    public const string ActiveWorkflowsGauge = "active_workflows";
    public const string QueueBacklogGauge = "queue_backlog";

    /// <summary>Working set of the process (what the OS charges it), not only the GC heap.</summary>
    public const string MemoryUsageGauge = "memory_usage_mb";

    private static readonly FrozenSet<string> KnownMethods = FrozenSet.Create(StringComparer.Ordinal,
        HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete,
        HttpMethods.Head, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect);

    // Status codes boxed once, so tagging a response allocates nothing per request.
    private static readonly object[] StatusTags = Enumerable.Range(0, 600).Select(object (code) => code).ToArray();

    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LogBucketHistogram> _timers = new(StringComparer.Ordinal);
    private readonly FrozenDictionary<string, StrongBox<long>> _requestsByMethod;
    private readonly StrongBox<long>?[] _responsesByStatus = new StrongBox<long>?[StatusTags.Length];
    private readonly LogBucketHistogram _requestDuration;
    private readonly HubInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly long _started;

    public HubMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        // Methods outside the standard nine count as "other", so junk methods cannot grow the maps.
        _requestsByMethod = KnownMethods.Append("OTHER").ToFrozenDictionary(
            method => method, method => Counter("requests." + method.ToLowerInvariant()), StringComparer.Ordinal);
        _requestDuration = Timer(RequestDurationTimer);
        // Gauges other capabilities set read 0 until they first do, so the shape is stable.
        Gauge(ActiveWorkflowsGauge);
        Gauge(QueueBacklogGauge);
        _instruments = new HubInstruments(meterFactory, GaugeValue, OtherGauges);
    }

    /// <summary>Adds to a counter, e.g. <c>Increment("custom_event")</c>.</summary>
    public void Increment(string counter, long by = 1)
    {
        Interlocked.Add(ref Counter(counter).Value, by);
        _instruments.Events.Add(by, new KeyValuePair<string, object?>("name", counter));
    }

    /// <summary>Sets a gauge, e.g. <c>SetGauge("queue_size", 10)</c>. Non-finite values are ignored.</summary>
    public void SetGauge(string name, double value)
    {
        if (double.IsFinite(value))
        {
            Volatile.Write(ref Gauge(name).Value, value);
        }
    }

    /// <summary>Records a duration in seconds into a timer, e.g. <c>Record("processing_time", 0.5)</c>.</summary>
    public void Record(string timer, double seconds)
    {
        Timer(timer).Record(seconds);
        _instruments.OperationDuration.Record(seconds, new KeyValuePair<string, object?>("name", timer));
    }

    /// <summary>Times a block into a timer: <c>using (metrics.Time("operation")) { … }</c>.</summary>
    public OperationTimer Time(string operation) => new(this, operation, _time.GetTimestamp());

    /// <summary>A command was matched to an intent.</summary>
    public void CommandRecognised(string intent)
    {
        Interlocked.Increment(ref Counter("commands.recognised").Value);
        _instruments.CommandsRecognised.Add(1, new KeyValuePair<string, object?>("intent", intent));
    }

    /// <summary>A command matched no intent.</summary>
    public void CommandUnmatched()
    {
        Interlocked.Increment(ref Counter("commands.unmatched").Value);
        _instruments.CommandsUnmatched.Add(1);
    }

    /// <summary>A workflow was created from a template.</summary>
    public void WorkflowCreated(string template)
    {
        Interlocked.Increment(ref Counter("workflows.created").Value);
        _instruments.WorkflowsCreated.Add(1, new KeyValuePair<string, object?>("template", template));
    }

    /// <summary>A workflow ended; <paramref name="status"/> is its final status, e.g. "completed" or "failed" (counted as <c>workflows.&lt;status&gt;</c>).</summary>
    public void WorkflowFinished(string status)
    {
        var name = status.ToLowerInvariant();
        Interlocked.Increment(ref Counter("workflows." + name).Value);
        _instruments.WorkflowsFinished.Add(1, new KeyValuePair<string, object?>("status", name));
    }

    /// <summary>
    /// A schedule fired (once per occurrence across replicas): counter <c>schedules.fired</c>, and
    /// <c>schedules.failed</c> when its workflow could not start.
    /// </summary>
    public void ScheduleFired(string template, bool started)
    {
        Interlocked.Increment(ref Counter("schedules.fired").Value);
        if (!started)
        {
            Interlocked.Increment(ref Counter("schedules.failed").Value);
        }

        _instruments.SchedulesFired.Add(1,
            new KeyValuePair<string, object?>("template", template),
            new KeyValuePair<string, object?>("outcome", started ? "started" : "failed"));
    }

    /// <summary>Occurrences that passed while no replica ran: counter <c>schedules.missed</c>, and <c>schedules.skipped</c> under the skip policy.</summary>
    public void ScheduleMissed(string policy, long count)
    {
        Interlocked.Add(ref Counter("schedules.missed").Value, count);
        if (policy == MissedPolicy.Skip)
        {
            Interlocked.Add(ref Counter("schedules.skipped").Value, count);
        }

        _instruments.SchedulesMissed.Add(count, new KeyValuePair<string, object?>("policy", policy));
    }

    /// <summary>An agent finished a step: timer <c>step_duration.&lt;agent&gt;</c>, counter <c>steps.succeeded</c> or <c>steps.failed</c>.</summary>
    public void StepCompleted(string agent, TimeSpan duration, bool succeeded)
    {
        var seconds = duration.TotalSeconds;
        Timer("step_duration." + agent).Record(seconds);
        Interlocked.Increment(ref Counter(succeeded ? "steps.succeeded" : "steps.failed").Value);
        _instruments.StepDuration.Record(seconds,
            new KeyValuePair<string, object?>("agent", agent),
            new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
    }

    /// <summary>Items waiting in the work queue now (gauge <c>queue_backlog</c>).</summary>
    public void SetQueueBacklog(long backlog) => SetGauge(QueueBacklogGauge, backlog);

    /// <summary>Workflows running now (gauge <c>active_workflows</c>).</summary>
    public void SetActiveWorkflows(long active) => SetGauge(ActiveWorkflowsGauge, active);

    /// <summary>One API request answered: <c>requests.&lt;method&gt;</c>, <c>responses.&lt;status&gt;</c>, <c>request_duration</c>.</summary>
    public void RequestCompleted(string method, int statusCode, TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var known = KnownMethods.Contains(method);
        Interlocked.Increment(ref _requestsByMethod[known ? method : "OTHER"].Value);
        Interlocked.Increment(ref ResponseCounter(statusCode).Value);
        _requestDuration.Record(seconds);
        _instruments.Requests.Add(1, new KeyValuePair<string, object?>("http.request.method", known ? method : "_OTHER"));
        _instruments.Responses.Add(1, new KeyValuePair<string, object?>("http.response.status_code",
            (uint)statusCode < (uint)StatusTags.Length ? StatusTags[statusCode] : statusCode));
        _instruments.RequestDuration.Record(seconds);
    }

    /// <summary>This replica's figures now, in the guide's shape.</summary>
    public MetricsSnapshot Snapshot()
    {
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, cell) in _counters)
        {
            counters[name] = Volatile.Read(ref cell.Value);
        }

        var gauges = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, cell) in _gauges)
        {
            gauges[name] = Volatile.Read(ref cell.Value);
        }

        gauges[MemoryUsageGauge] = Math.Round(Environment.WorkingSet / (1024.0 * 1024.0), 1);

        var timers = new SortedDictionary<string, TimerSummary>(StringComparer.Ordinal);
        foreach (var (name, histogram) in _timers)
        {
            timers[name] = histogram.Summarize();
        }

        return new MetricsSnapshot(counters, gauges, timers, RootEndpoints.Instance,
            Math.Round(_time.GetElapsedTime(_started).TotalSeconds, 3));
    }

    internal void RecordSince(string timer, long startedTimestamp) =>
        Record(timer, _time.GetElapsedTime(startedTimestamp).TotalSeconds);

    private StrongBox<long> Counter(string name) => _counters.GetOrAdd(name, static _ => new StrongBox<long>());

    private StrongBox<double> Gauge(string name) => _gauges.GetOrAdd(name, static _ => new StrongBox<double>());

    private LogBucketHistogram Timer(string name) => _timers.GetOrAdd(name, static _ => new LogBucketHistogram());

    private StrongBox<long> ResponseCounter(int statusCode)
    {
        if ((uint)statusCode >= (uint)_responsesByStatus.Length)
        {
            return Counter("responses.other");
        }

        return Volatile.Read(ref _responsesByStatus[statusCode])
            ?? (_responsesByStatus[statusCode] = Counter("responses." + statusCode));
    }

    private double GaugeValue(string name) => _gauges.TryGetValue(name, out var cell) ? Volatile.Read(ref cell.Value) : 0;

    private IEnumerable<Measurement<double>> OtherGauges()
    {
        foreach (var (name, cell) in _gauges)
        {
            if (name is not (ActiveWorkflowsGauge or QueueBacklogGauge))
            {
                yield return new Measurement<double>(Volatile.Read(ref cell.Value), new KeyValuePair<string, object?>("name", name));
            }
        }
    }
}
