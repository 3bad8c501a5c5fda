using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Commands;

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
    WorkflowState? Workflow = null,
    IReadOnlyList<WorkflowState>? Workflows = null,
    IReadOnlyList<IntentSuggestion>? Suggestions = null,
    string? ThreadId = null);

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
}

/// <summary>A reply and the HTTP status it goes out with (202 started, 200 answered, 4xx refused).</summary>
public sealed record CommandOutcome(int StatusCode, CommandReply Reply);
