using System.Text.Json.Nodes;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows;

/// <summary>A request to start a workflow from a template.</summary>
public sealed record StartWorkflow(string TemplateId, JsonObject? Inputs, string? IdempotencyKey = null, string? ThreadId = null, ScheduleLink? Schedule = null);

/// <summary>
/// A start made by a schedule, outside any request: the workflow belongs to the schedule's owner
/// (not to whoever happens to be calling) and names the schedule it came from.
/// </summary>
public sealed record ScheduleLink(string ScheduleId, string? Owner);

/// <summary>What happened to a start request; endpoints turn each case into HTTP, the service never does.</summary>
public abstract record StartOutcome
{
    public sealed record Started(WorkflowView Workflow, bool Created) : StartOutcome;
    public sealed record UnknownTemplate(string TemplateId) : StartOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : StartOutcome;
    public sealed record Unavailable(WorkflowTemplate Template, IReadOnlyList<string> Missing) : StartOutcome
    {
        public string Detail => $"'{Template.Name}' cannot start: it needs {string.Join("; ", Missing)}.";
    }

    public sealed record NotUnderstood(string Detail, IReadOnlyList<object>? Suggestions) : StartOutcome;
}

/// <summary>What happened to a cancel, retry or delete request.</summary>
public enum ControlOutcome { Done, NotFound, Conflict, Forbidden }

/// <summary>The outcome of a cancel or retry, with the workflow as it is afterwards (null when unknown).</summary>
public readonly record struct ControlResult(ControlOutcome Outcome, WorkflowView? Workflow);
