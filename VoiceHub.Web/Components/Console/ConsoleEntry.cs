namespace VoiceHub.Web.Components.Console;

/// <summary>One line of the conversation on the console: what the person said or the hub's answer.</summary>
public sealed record ConsoleEntry(
    long Key,
    string Role,
    string Text,
    DateTimeOffset At,
    string? WorkflowId = null,
    WorkflowView? Workflow = null,
    IReadOnlyList<WorkflowView>? Workflows = null,
    IReadOnlyList<IntentSuggestion>? Suggestions = null,
    string? Intent = null,
    string? Stage = null,
    bool IsError = false)
{
    public static ConsoleEntry FromResult(long key, CommandReply result, DateTimeOffset at) => new(
        key, MessageRole.Hub.Name(), result.Reply, at, result.Workflow?.Id, result.Workflow, result.Workflows, result.Suggestions,
        result.Intent, result.Stage, result.IsError);

    public static ConsoleEntry FromMessage(ThreadMessage message) => new(
        message.Sequence, message.Role.Name(), message.Text, message.Timestamp, message.WorkflowId);
}
