using System.Diagnostics.Metrics;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// The instruments of the <c>VoiceHub</c> meter, which ServiceDefaults exports over OTLP so the
/// Aspire dashboard charts them across every replica. Only <see cref="HubMetrics"/> writes to them.
/// </summary>
internal sealed class HubInstruments
{
    public HubInstruments(IMeterFactory meterFactory, Func<string, double> gauge, Func<IEnumerable<Measurement<double>>> otherGauges)
    {
        var meter = meterFactory.Create(Extensions.MeterName);
        Requests = meter.CreateCounter<long>("voicehub.requests", "{request}", "API requests, by HTTP method.");
        Responses = meter.CreateCounter<long>("voicehub.responses", "{response}", "API responses, by status code.");
        RequestDuration = meter.CreateHistogram<double>("voicehub.request.duration", "s", "Time to answer an API request.");
        CommandsRecognised = meter.CreateCounter<long>("voicehub.commands.recognised", "{command}", "Commands matched to an intent.");
        CommandsUnmatched = meter.CreateCounter<long>("voicehub.commands.unmatched", "{command}", "Commands no intent matched.");
        WorkflowsCreated = meter.CreateCounter<long>("voicehub.workflows.created", "{workflow}", "Workflows created, by template.");
        WorkflowsFinished = meter.CreateCounter<long>("voicehub.workflows.finished", "{workflow}", "Workflows finished, by final status.");
        SchedulesFired = meter.CreateCounter<long>("voicehub.schedules.fired", "{fire}", "Schedule occurrences fired (once across replicas), by template and outcome.");
        SchedulesMissed = meter.CreateCounter<long>("voicehub.schedules.missed", "{occurrence}", "Schedule occurrences missed while no replica ran, by missed policy.");
        StepDuration = meter.CreateHistogram<double>("voicehub.workflow.step.duration", "s", "Time an agent took for one step.");
        Events = meter.CreateCounter<long>("voicehub.events", "{event}", "Other counters of HubMetrics.Increment, by name.");
        OperationDuration = meter.CreateHistogram<double>("voicehub.operation.duration", "s", "Other timers of HubMetrics.Record and Time, by name.");
        meter.CreateObservableGauge("voicehub.workflows.active", () => gauge(HubMetrics.ActiveWorkflowsGauge), "{workflow}", "Workflows running now.");
        meter.CreateObservableGauge("voicehub.queue.backlog", () => gauge(HubMetrics.QueueBacklogGauge), "{item}", "Work waiting in the queue.");
        meter.CreateObservableGauge("voicehub.process.memory", () => Environment.WorkingSet, "By", "Working set of the process.");
        meter.CreateObservableGauge("voicehub.gauge", otherGauges, description: "Other gauges of HubMetrics.SetGauge, by name.");
    }

    public Counter<long> Requests { get; }
    public Counter<long> Responses { get; }
    public Histogram<double> RequestDuration { get; }
    public Counter<long> CommandsRecognised { get; }
    public Counter<long> CommandsUnmatched { get; }
    public Counter<long> WorkflowsCreated { get; }
    public Counter<long> WorkflowsFinished { get; }
    public Histogram<double> StepDuration { get; }
    public Counter<long> SchedulesFired { get; }
    public Counter<long> SchedulesMissed { get; }
    public Counter<long> Events { get; }
    public Histogram<double> OperationDuration { get; }
}
