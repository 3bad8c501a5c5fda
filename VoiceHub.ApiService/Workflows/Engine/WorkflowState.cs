using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// The whole state of one workflow, as stored in Redis (one JSON document) and returned by the API.
/// Mutable because one worker at a time owns it while it runs; every change is saved before
/// anything depending on it happens.
/// </summary>
public sealed class WorkflowState
{
    public required string Id { get; init; }
    public required long Number { get; init; }
    public required string TemplateId { get; init; }
    public required string Name { get; init; }
    public string Status { get; set; } = WorkflowStatus.Pending;
    public required JsonObject Inputs { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? ThreadId { get; init; }

    /// <summary>The principal that started it: it (or an admin) may cancel, retry or delete it.</summary>
    public string? Owner { get; init; }

    /// <summary>The schedule whose fire started it, if one did.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>W3C traceparent of the request that created it; runs continue that trace.</summary>
    public string? TraceParent { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
    public int Runs { get; set; }
    public required List<StepState> Steps { get; init; }
    public List<string> Artifacts { get; init; } = [];

    public StepState Step(string id) => Steps.First(s => s.Id == id);
}

/// <summary>One step's progress; <see cref="Output"/> is committed before the step counts as done.</summary>
public sealed class StepState
{
    public required string Id { get; init; }
    public required string Agent { get; init; }
    public required string Action { get; init; }
    public required List<string> DependsOn { get; init; }
    public string Status { get; set; } = StepStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public JsonNode? Output { get; set; }
    public string? Summary { get; set; }
    public string? Error { get; set; }
    public List<string> Logs { get; init; } = [];
}
