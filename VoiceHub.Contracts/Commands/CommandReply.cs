using System.Text.Json.Serialization;
using VoiceHub.Contracts.Workflows;

namespace VoiceHub.Contracts.Commands;

/// <summary>Body of <c>POST /api/commands</c>.</summary>
public sealed record CommandRequest(string? Text, string? ThreadId, string? IdempotencyKey);

/// <summary>What the hub did with a command; <see cref="Reply"/> is one line fit to be spoken back.</summary>
public sealed record CommandReply(
    string Text,
    string? Intent,
    IReadOnlyDictionary<string, SlotValue>? Slots,
    double? Confidence,
    string? Stage,
    string Action,
    string Reply,
    WorkflowView? Workflow = null,
    IReadOnlyList<WorkflowView>? Workflows = null,
    IReadOnlyList<IntentSuggestion>? Suggestions = null,
    string? ThreadId = null)
{
    /// <summary>Whether this answer reports a client-side failure (the API failed or could not be reached).</summary>
    [JsonIgnore]
    public bool IsError => Action == CommandActions.Error;
}

/// <summary>Names of the actions a command can lead to.</summary>
public static class CommandActions
{
    public const string WorkflowStarted = "workflow_started";
    public const string Status = "status";
    public const string List = "list";
    public const string Canceled = "canceled";
    public const string Retried = "retried";
    public const string Help = "help";
    public const string Unmatched = "unmatched";
    public const string Refused = "refused";
    public const string Scheduled = "scheduled";
    public const string SchedulePaused = "schedule_paused";
    public const string ScheduleResumed = "schedule_resumed";
    public const string ScheduleDeleted = "schedule_deleted";

    /// <summary>Not the hub's: what a client shows when the API failed or could not be reached.</summary>
    public const string Error = "error";
}

