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
    bool IsError = false,
    string? Note = null,
    string? ConfirmText = null)
{
    public static ConsoleEntry FromResult(long key, CommandReply result, DateTimeOffset at) => new(
        key, MessageRole.Hub.Name(), result.Reply, at, result.Workflow?.Id, result.Workflow, result.Workflows, result.Suggestions,
        result.Intent, result.Stage, result.IsError);

    /// <summary>What the person said aloud, as the hub heard it (or a placeholder when nothing was heard).</summary>
    public static ConsoleEntry FromSpeech(long key, SpeechRecognition? heard, DateTimeOffset at) => heard is null
        ? new(key, MessageRole.User.Name(), "(spoken command)", at, Note: "not recognised")
        : new(key, MessageRole.User.Name(), heard.Text.Length > 0 ? heard.Text : "(nothing recognisable)", at,
            Note: $"spoken · heard by {heard.Engine} · confidence {heard.Confidence:0.00}{(heard.Rejected ? " · not understood" : "")}");

    public static ConsoleEntry FromMessage(ThreadMessage message) => new(
        message.Sequence, message.Role.Name(), message.Text, message.Timestamp, message.WorkflowId);
}
