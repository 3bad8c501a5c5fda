using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VoiceHub.Contracts.Workflows;

/// <summary>A workflow as <c>GET /api/workflows/{id}</c> returns it: status, inputs and each step's progress.</summary>
public sealed record WorkflowView(
    string Id,
    long Number,
    string TemplateId,
    string Name,
    string Status,
    JsonObject Inputs,
    string? IdempotencyKey,
    string? ThreadId,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int Runs,
    IReadOnlyList<WorkflowStepView> Steps,
    IReadOnlyList<string> Artifacts,
    string? Owner = null,
    string? ScheduleId = null)
{
    [JsonIgnore]
    public bool IsFinished => WorkflowStatus.IsFinished(Status);

    /// <summary>Steps that are done, whether they ran or were skipped.</summary>
    [JsonIgnore]
    public int StepsDone => Steps.Count(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped);

    [JsonIgnore]
    public WorkflowStepView? CurrentStep => Steps.FirstOrDefault(s => s.Status == StepStatus.Running);

    [JsonIgnore]
    public int Percent => Steps.Count == 0 ? 0 : StepsDone * 100 / Steps.Count;
}

/// <summary>One step's progress inside a workflow.</summary>
public sealed record WorkflowStepView(
    string Id,
    string Agent,
    string Action,
    IReadOnlyList<string> DependsOn,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonNode? Output,
    string? Summary,
    string? Error,
    IReadOnlyList<string> Logs)
{
    [JsonIgnore]
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}
