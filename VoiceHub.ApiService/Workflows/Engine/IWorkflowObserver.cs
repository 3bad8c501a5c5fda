namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Told when a workflow has finished and its final state is saved, by the worker that finished it
/// (so once per finish, whichever replica). Observers must not throw; failures are logged.
/// </summary>
public interface IWorkflowObserver
{
    Task OnFinishedAsync(WorkflowState workflow, CancellationToken cancellationToken);

    /// <summary>
    /// Told after every event the running worker saved (started, step changes, the finish), on the
    /// worker's path: return at once for events of no interest, and never hold the state past the call.
    /// </summary>
    Task OnEventAsync(WorkflowState workflow, WorkflowEvent @event, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Whether this observer must hear a run's final event even if the worker stops right after
    /// committing it (a webhook someone subscribed to). When any observer must, the run acknowledges its
    /// queue entry only after telling the observers, and a worker that later finds the workflow finished
    /// with its entry still pending tells such observers again (<see cref="OnEventAsync"/> must then be
    /// idempotent for that event).
    /// </summary>
    ValueTask<bool> MustHearAsync(WorkflowState workflow, WorkflowEvent @event) => ValueTask.FromResult(false);
}
