namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>How the hub says what state workflows are in, in sentences fit to be spoken.</summary>
internal static class WorkflowReplies
{
    public static string Describe(WorkflowView w)
    {
        var done = w.Steps.Count(s => s.Status == StepStatus.Succeeded);
        var running = w.CurrentStep;
        return w.Status switch
        {
            WorkflowStatus.Running => $"Workflow {w.Number}, {w.Name}, is running: {done} of {w.Steps.Count} steps done{(running is null ? "" : $", now {running.Id}")}.",
            WorkflowStatus.Pending => $"Workflow {w.Number}, {w.Name}, is waiting for a worker.",
            WorkflowStatus.Completed => $"Workflow {w.Number}, {w.Name}, completed all {w.Steps.Count} steps.",
            WorkflowStatus.Failed => $"Workflow {w.Number}, {w.Name}, failed: {w.Error}",
            _ => $"Workflow {w.Number}, {w.Name}, was canceled.",
        };
    }

    public static string Finished(WorkflowView w) => w.Status switch
    {
        WorkflowStatus.Completed => "completed",
        WorkflowStatus.Failed => "failed",
        _ => "been canceled",
    };

    public static string DescribeList(PagedResult<WorkflowView> page, string? status)
    {
        var kind = status?.ToLowerInvariant() ?? "recent";
        if (page.Total == 0)
        {
            return $"There are no {kind} workflows.";
        }

        var names = string.Join(", ", page.Items.Take(5).Select(w => $"{w.Number} {w.Name}"));
        var more = page.Total > 5 ? $", and {page.Total - 5} more" : "";
        return status is null
            ? $"The most recent workflows: {names}{more}."
            : $"{page.Total} {kind} workflow{(page.Total == 1 ? "" : "s")}: {names}{more}.";
    }
}
