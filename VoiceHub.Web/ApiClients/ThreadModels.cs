namespace VoiceHub.Web.ApiClients;

/// <summary>A conversation kept by the hub.</summary>
public sealed record ConversationThread(
    string Id,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int MessageCount,
    long LastSequence);

/// <summary>One message of a thread; <see cref="Role"/> is user, hub, system or event.</summary>
public sealed record ThreadMessage(
    string Id,
    long Sequence,
    string Role,
    string Text,
    IReadOnlyDictionary<string, string>? Data,
    DateTimeOffset Timestamp)
{
    public string? WorkflowId => Data is not null && Data.TryGetValue("workflowId", out var id) ? id : null;
}
