using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web.Components.Console;

/// <summary>One line of the conversation on the console: what the person said or the hub's answer.</summary>
public sealed record ConsoleEntry(
    long Key,
    string Role,
    string Text,
    DateTimeOffset At,
    string? WorkflowId = null,
    Workflow? Workflow = null,
    IReadOnlyList<Workflow>? Workflows = null,
    IReadOnlyList<CommandSuggestion>? Suggestions = null,
    string? Intent = null,
    string? Stage = null,
    bool IsError = false)
{
    public static ConsoleEntry FromResult(long key, CommandResult result, DateTimeOffset at) => new(
        key, "hub", result.Reply, at, result.Workflow?.Id, result.Workflow, result.Workflows, result.Suggestions,
        result.Intent, result.Stage, result.IsError);

    public static ConsoleEntry FromMessage(ThreadMessage message) => new(
        message.Sequence, message.Role, message.Text, message.Timestamp, message.WorkflowId);
}
