namespace VoiceHub.Contracts.Threads;

/// <summary>
/// A stored message. <see cref="Sequence"/> starts at 1 in each thread and never repeats, so it
/// orders messages even when two share a timestamp.
/// </summary>
public sealed record ThreadMessage(
    string Id,
    long Sequence,
    MessageRole Role,
    string Text,
    IReadOnlyDictionary<string, string>? Data,
    DateTimeOffset Timestamp)
{
    /// <summary>The workflow a hub message is about, when it names one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? WorkflowId => Data is not null && Data.TryGetValue(ThreadMessageData.WorkflowId, out var id) ? id : null;
}

/// <summary>Keys of <see cref="ThreadMessage.Data"/> that the hub writes on its own messages.</summary>
public static class ThreadMessageData
{
    public const string Action = "action";
    public const string Intent = "intent";
    public const string Stage = "stage";
    public const string WorkflowId = "workflowId";
    public const string Status = "status";
}
