using System.Text.Json.Nodes;

namespace VoiceHub.Contracts.Workflows;

/// <summary>Body of <c>POST /api/workflows</c>: a template and its inputs.</summary>
public sealed record CreateWorkflowRequest(string? TemplateId, JsonObject? Inputs, string? IdempotencyKey, string? ThreadId, string? Task);

/// <summary>Body of <c>POST /api/workflows/batch</c>.</summary>
public sealed record CreateWorkflowBatchRequest(IReadOnlyList<CreateWorkflowRequest?>? Items);

/// <summary>Per-item result of a batch: the status it would have had alone, and the workflow or the problem.</summary>
public sealed record BatchItemResult(int Index, int Status, string? WorkflowId, bool? Created, string? Error, IDictionary<string, string[]>? Errors);

/// <summary>Answer of a batch request.</summary>
public sealed record BatchResult(int Accepted, int Rejected, IReadOnlyList<BatchItemResult> Items);
