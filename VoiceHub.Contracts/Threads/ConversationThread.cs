namespace VoiceHub.Contracts.Threads;

/// <summary>
/// One conversation. <see cref="UpdatedAt"/> is the time of the last write (creation or append);
/// <see cref="MessageCount"/> counts the messages kept now, <see cref="LastSequence"/> the
/// sequence number of the newest message ever appended (trimming does not lower it).
/// </summary>
public sealed record ConversationThread(
    string Id,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int MessageCount,
    long LastSequence,
    IReadOnlyDictionary<string, string> Metadata,
    string? Owner = null);
