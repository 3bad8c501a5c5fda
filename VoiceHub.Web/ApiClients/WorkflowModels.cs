using System.Text.Json.Nodes;

namespace VoiceHub.Web.ApiClients;

/// <summary>One page of a list, the API's <c>{ items, page, limit, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int Limit, long Total)
{
    public int Pages => Limit <= 0 ? 1 : Math.Max(1, (int)((Total + Limit - 1) / Limit));
}

/// <summary>A workflow as <c>GET /api/workflows/{id}</c> returns it.</summary>
public sealed record Workflow(
    string Id,
    long Number,
    string TemplateId,
    string Name,
    string Status,
    JsonObject? Inputs,
    string? ThreadId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int Runs,
    IReadOnlyList<WorkflowStep> Steps,
    IReadOnlyList<string>? Artifacts)
{
    public bool IsFinished => WorkflowStatuses.IsFinished(Status);
    public int StepsDone => Steps.Count(s => s.Status is "Succeeded" or "Skipped");
    public WorkflowStep? CurrentStep => Steps.FirstOrDefault(s => s.Status == "Running");
    public int Percent => Steps.Count == 0 ? 0 : StepsDone * 100 / Steps.Count;
}

/// <summary>One step's progress inside a workflow.</summary>
public sealed record WorkflowStep(
    string Id,
    string Agent,
    string Action,
    IReadOnlyList<string>? DependsOn,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonNode? Output,
    string? Summary,
    string? Error,
    IReadOnlyList<string>? Logs)
{
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}

/// <summary>A state change streamed as Server-Sent Events.</summary>
public sealed record WorkflowEvent(
    long Sequence,
    string Type,
    string WorkflowId,
    DateTimeOffset At,
    string WorkflowStatus,
    string? StepId,
    string? StepStatus,
    int? Attempt,
    string? Message)
{
    public bool IsTerminal => Type is "workflow.completed" or "workflow.failed" or "workflow.canceled";
}

/// <summary>The workflow statuses the API knows (Durable Task's set).</summary>
public static class WorkflowStatuses
{
    public static readonly IReadOnlyList<string> All = ["Pending", "Running", "Completed", "Failed", "Canceled"];

    public static bool IsFinished(string status) => status is "Completed" or "Failed" or "Canceled";
}
