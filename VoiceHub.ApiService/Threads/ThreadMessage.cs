namespace VoiceHub.ApiService.Threads;

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
    DateTimeOffset Timestamp);
