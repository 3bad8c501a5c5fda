using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Threads;

/// <summary>Limits of conversation memory, bound from <c>VoiceHub:Threads</c>.</summary>
public sealed class ThreadOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Threads";

    /// <summary>Threads kept; creating one more evicts the least recently active thread.</summary>
    public int MaxThreads { get; set; } = 1000;

    /// <summary>Messages kept per thread; older ones are trimmed as new ones arrive.</summary>
    public int MaxMessagesPerThread { get; set; } = 100;

    /// <summary>Characters allowed in one message's text.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Messages allowed in one batch append.</summary>
    public int MaxBatchSize { get; set; } = 100;

    public ThreadLimits Limits => new(MaxThreads, MaxMessagesPerThread, MaxMessageLength, MaxBatchSize);

    public IEnumerable<string> Problems()
    {
        if (MaxThreads is < 1 or > 1_000_000) yield return "MaxThreads must be 1..1000000.";
        if (MaxMessagesPerThread is < 1 or > 100_000) yield return "MaxMessagesPerThread must be 1..100000.";
        if (MaxMessageLength is < 1 or > 1_000_000) yield return "MaxMessageLength must be 1..1000000.";
        if (MaxBatchSize is < 1 or > 10_000) yield return "MaxBatchSize must be 1..10000.";
    }
}
