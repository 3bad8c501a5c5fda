using System.Text.Json.Nodes;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Turns the engine's saved events into outbound webhook events: workflow.started, step.failed,
/// workflow.completed, workflow.failed. Other events return at once; so do these when no subscription
/// wants them (an in-memory check). Each event carries a key (workflow, run, step), so a run resumed by
/// another replica does not notify twice; a final event someone wants is told again by the worker
/// that finds the workflow finished with its queue entry still pending (<see cref="MustHearAsync"/>).
/// A workflow's failure raises the step.failed of each failed step again (their keys make that a no-op
/// when it was raised before), so a step.failed whose worker stopped right after committing it is not lost.
/// </summary>
public sealed class WorkflowWebhookEvents(IHubEvents events) : IWorkflowObserver
{
    public Task OnFinishedAsync(WorkflowState workflow, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A finish someone subscribed to must not be lost to a worker that stops after committing it (its key
    /// makes a retelling enqueue nothing new); nor must a failure's step.failed, which the failure raises again.
    /// </summary>
    public async ValueTask<bool> MustHearAsync(WorkflowState workflow, WorkflowEvent @event) =>
        (@event.Type is HubEventTypes.WorkflowCompleted or HubEventTypes.WorkflowFailed && await events.IsWantedAsync(@event.Type, workflow.TemplateId))
        || (@event.Type is HubEventTypes.WorkflowFailed && await events.IsWantedAsync(HubEventTypes.StepFailed, workflow.TemplateId));

    public async Task OnEventAsync(WorkflowState workflow, WorkflowEvent @event, CancellationToken cancellationToken)
    {
        if (@event.Type is HubEventTypes.WorkflowFailed)
        {
            foreach (var failed in workflow.Steps.Where(s => s.Status == StepStatus.Failed))
            {
                await RaiseAsync(workflow, HubEventTypes.StepFailed, failed);
            }
        }

        if (@event.Type is HubEventTypes.WorkflowStarted or HubEventTypes.StepFailed or HubEventTypes.WorkflowCompleted or HubEventTypes.WorkflowFailed)
        {
            await RaiseAsync(workflow, @event.Type, @event.StepId is null ? null : workflow.Steps.FirstOrDefault(s => s.Id == @event.StepId));
        }
    }

    private Task<int> RaiseAsync(WorkflowState workflow, string type, StepState? step)
    {
        var data = new JsonObject
        {
            ["workflowId"] = workflow.Id,
            ["number"] = workflow.Number,
            ["templateId"] = workflow.TemplateId,
            ["name"] = workflow.Name,
            ["status"] = workflow.Status,
            ["owner"] = workflow.Owner,
            ["run"] = workflow.Runs,
            ["startedAt"] = workflow.StartedAt,
            ["finishedAt"] = workflow.FinishedAt,
            ["error"] = workflow.Error,
            ["url"] = $"/api/workflows/{workflow.Id}",
        };
        if (step is not null)
        {
            data["step"] = new JsonObject { ["id"] = step.Id, ["agent"] = step.Agent, ["attempts"] = step.Attempts, ["error"] = step.Error };
        }

        return events.RaiseAsync(type, data, workflow.TemplateId, $"workflow:{workflow.Id}:{workflow.Runs}:{type}:{step?.Id}");
    }
}
