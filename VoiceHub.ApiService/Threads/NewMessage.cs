namespace VoiceHub.ApiService.Threads;

/// <summary>
/// A message to append. <paramref name="Data"/> carries small structured facts beside the text,
/// e.g. <c>intent</c>, <c>workflowId</c> or <c>status</c>.
/// </summary>
public sealed record NewMessage(MessageRole Role, string Text, IReadOnlyDictionary<string, string>? Data = null);
