namespace VoiceHub.ApiService.Threads;

/// <summary>
/// What an append stored: the messages with their sequence numbers, and how many messages the
/// thread keeps after trimming.
/// </summary>
public sealed record AppendResult(IReadOnlyList<ThreadMessage> Messages, int MessageCount);
