using System.Diagnostics;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Traces of workflow runs and steps, under the ActivitySource the service defaults export
/// ("VoiceHub"). A run continues the trace of the request that created the workflow, so the
/// dashboard shows a command, its workflow, each step and their Redis calls as one trace.
/// </summary>
public static class WorkflowTelemetry
{
    public static readonly ActivitySource Source = new(Microsoft.Extensions.Hosting.Extensions.MeterName);

    public static Activity? StartRun(WorkflowState workflow)
    {
        ActivityContext.TryParse(workflow.TraceParent, null, out var parent);
        var activity = Source.StartActivity($"workflow {workflow.TemplateId}", ActivityKind.Internal, parent);
        activity?.SetTag("voicehub.workflow.id", workflow.Id);
        activity?.SetTag("voicehub.workflow.template", workflow.TemplateId);
        return activity;
    }

    public static Activity? StartStep(StepState step)
    {
        var activity = Source.StartActivity($"step {step.Id}", ActivityKind.Internal);
        activity?.SetTag("voicehub.step.agent", step.Agent);
        activity?.SetTag("voicehub.step.action", step.Action);
        activity?.SetTag("voicehub.step.attempt", step.Attempts);
        return activity;
    }
}
