namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// One committed change of a workflow (see <see cref="WorkflowStore.CommitAsync"/>): the steps
/// that changed, whether the header did, and the events that describe it, in order.
/// </summary>
public sealed record WorkflowTransition(WorkflowState State, IReadOnlyCollection<StepState> Steps, bool Header, IReadOnlyList<WorkflowEvent> Events)
{
    /// <summary>Only this worker may commit (it holds the claim).</summary>
    public string? Owner { get; init; }

    /// <summary>Only from one of these statuses ('Failed|Canceled').</summary>
    public string? ExpectedStatuses { get; init; }

    public bool Enqueue { get; init; }

    /// <summary>Forget the owner and the cancel flag (a retried workflow starts afresh).</summary>
    public bool ClearControl { get; init; }

    /// <summary>
    /// A worker's first commit: make <see cref="Owner"/> the owner, provided the workflow's event
    /// sequence is still this one (nothing was committed since the worker read it).
    /// </summary>
    public long? ClaimAtSequence { get; init; }

    /// <summary>The queue entry to acknowledge with this commit: the run ends here.</summary>
    public string? AcknowledgeEntry { get; init; }
}

/// <summary>
/// What a worker read before running a workflow: the status ('' when the workflow is gone), the
/// workflow unless finished, whether a cancel waits, and the event sequence its first commit claims it at.
/// </summary>
public sealed record WorkflowClaim(string Status, WorkflowState? State, bool CancelRequested, long Sequence);

/// <summary>A transition serialized for the save script (<see cref="WorkflowStore.Prepare"/>).</summary>
public sealed record PreparedTransition(string WorkflowId, StackExchange.Redis.RedisValue[] Arguments);
