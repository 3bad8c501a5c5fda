namespace VoiceHub.Contracts.Threads;

/// <summary>Body of <c>POST /api/threads</c>; an empty body creates an untitled thread.</summary>
public sealed record CreateThreadRequest(string? Title = null, Dictionary<string, string>? Metadata = null);

/// <summary>A message as a client sends it; <c>role</c> is user, hub, system or event.</summary>
public sealed record NewMessageRequest(string? Role, string? Text, Dictionary<string, string>? Data = null);

/// <summary>Body of <c>POST /api/threads/{id}/messages/batch</c>: stored all together or not at all.</summary>
public sealed record AppendBatchRequest(List<NewMessageRequest?>? Messages);
