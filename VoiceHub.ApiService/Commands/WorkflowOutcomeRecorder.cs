using VoiceHub.ApiService.Threads;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Commands;

/// <summary>Writes a workflow's outcome into the thread whose command started it.</summary>
public sealed class WorkflowOutcomeRecorder(ThreadStore threads) : IWorkflowObserver
{
    public async Task OnFinishedAsync(WorkflowState workflow, CancellationToken cancellationToken)
    {
        if (workflow.ThreadId is not { } threadId)
        {
            return;
        }

        var text = workflow.Status switch
        {
            WorkflowStatus.Completed => $"Workflow {workflow.Number}, {workflow.Name}, completed.",
            WorkflowStatus.Failed => $"Workflow {workflow.Number}, {workflow.Name}, failed: {workflow.Error}",
            _ => $"Workflow {workflow.Number}, {workflow.Name}, was canceled.",
        };
        var data = new Dictionary<string, string> { [ThreadMessageData.WorkflowId] = workflow.Id, [ThreadMessageData.Status] = workflow.Status };
        if (workflow.Artifacts.Count > 0)
        {
            data["artifacts"] = string.Join(",", workflow.Artifacts);
        }

        // The thread may have been deleted or evicted meanwhile: then there is nobody to tell.
        await threads.AppendAsync(threadId, new NewMessage(MessageRole.Event, threads.Limits.Fit(text), data), cancellationToken);
    }
}
