using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Workflows;

/// <summary>
/// Turns a free-text task ("review the code in src") into a template and inputs, for
/// <c>POST /api/workflows { task }</c>. Implemented by the command recogniser.
/// </summary>
public interface IWorkflowTaskInterpreter
{
    Task<TaskInterpretation> InterpretAsync(string task, CancellationToken cancellationToken);
}

/// <summary>A template with inputs, or why the task is not a workflow (with suggestions to try).</summary>
public sealed record TaskInterpretation(string? TemplateId, JsonObject Inputs, string? Problem, IReadOnlyList<object>? Suggestions = null);
