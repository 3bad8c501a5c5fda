namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Told when a workflow has finished and its final state is saved, by the worker that finished it
/// (so once per finish, whichever replica). Observers must not throw; failures are logged.
/// </summary>
public interface IWorkflowObserver
{
    Task OnFinishedAsync(WorkflowState workflow, CancellationToken cancellationToken);
}
