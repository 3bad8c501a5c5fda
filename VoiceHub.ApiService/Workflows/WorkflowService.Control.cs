using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Cancel and retry: the changes a person asks of a workflow that exists.</summary>
public sealed partial class WorkflowService
{
    /// <summary>
    /// Cancels a workflow: a pending one ends Canceled at once; a running one is told to stop
    /// (persisted, and published to the worker running it). Finished ones are a conflict.
    /// </summary>
    public async Task<ControlResult> CancelAsync(string id)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var workflow = await store.GetAsync(id);
            if (workflow is null)
            {
                return new(ControlOutcome.NotFound, null);
            }

            if (!caller.MayManage(workflow.Owner))
            {
                return new(ControlOutcome.Forbidden, workflow.ToView());
            }

            if (WorkflowStatus.IsFinished(workflow.Status))
            {
                return new(ControlOutcome.Conflict, workflow.ToView());
            }

            var now = time.GetUtcNow();
            if (workflow.Status == WorkflowStatus.Pending)
            {
                workflow.Status = WorkflowStatus.Canceled;
                workflow.FinishedAt = now;
                workflow.Error = "Canceled before it started.";
                foreach (var step in workflow.Steps.Where(s => !StepStatus.IsFinished(s.Status)))
                {
                    step.Status = StepStatus.Canceled;
                }

                var evt = new WorkflowEvent(0, WorkflowEventTypes.Canceled, id, now, workflow.Status, Message: workflow.Error);
                var (outcome, _) = await store.SaveAsync(workflow, evt, expectedStatuses: WorkflowStatus.Pending);
                if (outcome == SaveOutcome.Saved)
                {
                    return new(ControlOutcome.Done, workflow.ToView());
                }

                continue; // a worker picked it up meanwhile: cancel the running workflow instead
            }

            await store.RequestCancelAsync(id);
            return new(ControlOutcome.Done, workflow.ToView());
        }

        return new(ControlOutcome.Conflict, (await store.GetAsync(id))?.ToView());
    }

    /// <summary>
    /// Runs a failed or canceled workflow again from its first step that did not succeed;
    /// succeeded steps keep their outputs.
    /// </summary>
    public async Task<ControlResult> RetryAsync(string id)
    {
        var workflow = await store.GetAsync(id);
        if (workflow is null)
        {
            return new(ControlOutcome.NotFound, null);
        }

        if (!caller.MayManage(workflow.Owner))
        {
            return new(ControlOutcome.Forbidden, workflow.ToView());
        }

        if (!WorkflowStatus.IsRetryable(workflow.Status))
        {
            return new(ControlOutcome.Conflict, workflow.ToView());
        }

        var previous = workflow.Status;
        workflow.Status = WorkflowStatus.Pending;
        workflow.Error = null;
        workflow.FinishedAt = null;
        workflow.Runs++;
        foreach (var step in workflow.Steps.Where(s => s.Status != StepStatus.Succeeded))
        {
            step.Status = StepStatus.Pending;
            step.Attempts = 0;
            step.Error = null;
            step.FinishedAt = null;
        }

        var evt = new WorkflowEvent(0, WorkflowEventTypes.Retried, id, time.GetUtcNow(), workflow.Status, Message: $"Retried after {previous}.");
        var (outcome, _) = await store.SaveAsync(workflow, evt, expectedStatuses: previous, enqueue: true, clearControl: true);
        if (outcome != SaveOutcome.Saved)
        {
            return new(ControlOutcome.Conflict, (await store.GetAsync(id))?.ToView());
        }

        await cache.InvalidateAsync(id);
        return new(ControlOutcome.Done, workflow.ToView());
    }
}
