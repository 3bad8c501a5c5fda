namespace VoiceHub.ApiService.Threads;

/// <summary>
/// Thrown by <see cref="ThreadStore"/> when code (not HTTP input, which the endpoints check
/// first) hands it a title, metadata or message that breaks the rules or limits.
/// </summary>
public sealed class ThreadValidationException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException(ThreadRules.Describe(errors))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
