namespace VoiceHub.Contracts.Workflows;

/// <summary>
/// A state change of a workflow. <see cref="Sequence"/> grows by one per workflow and is the
/// SSE event id of the per-workflow stream, so a client resumes with Last-Event-ID.
/// </summary>
public sealed record WorkflowEvent(
    long Sequence,
    string Type,
    string WorkflowId,
    DateTimeOffset At,
    string WorkflowStatus,
    string? StepId = null,
    string? StepStatus = null,
    int? Attempt = null,
    string? Message = null)
{
    /// <summary>Whether the workflow has finished with this event (completed, failed or canceled).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsTerminal => WorkflowEventTypes.IsTerminal(Type);
}

/// <summary>Event type names.</summary>
public static class WorkflowEventTypes
{
    public const string Created = "workflow.created";
    public const string Started = "workflow.started";
    public const string StepStarted = "step.started";
    public const string StepSucceeded = "step.succeeded";
    public const string StepFailed = "step.failed";
    public const string StepRetrying = "step.retrying";
    public const string StepSkipped = "step.skipped";
    public const string CancelRequested = "workflow.cancel_requested";
    public const string Completed = "workflow.completed";
    public const string Failed = "workflow.failed";
    public const string Canceled = "workflow.canceled";
    public const string Retried = "workflow.retried";

    public static bool IsTerminal(string type) => type is Completed or Failed or Canceled;
}
