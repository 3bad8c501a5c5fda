using System.ComponentModel.DataAnnotations;

namespace VoiceHub.ApiService.Threads;

/// <summary>Limits of conversation memory, bound from <c>VoiceHub:Threads</c>.</summary>
public sealed class ThreadOptions
{
    public const string SectionName = "VoiceHub:Threads";

    /// <summary>Threads kept; creating one more evicts the least recently active thread.</summary>
    [Range(1, 1_000_000)]
    public int MaxThreads { get; set; } = 1000;

    /// <summary>Messages kept per thread; older ones are trimmed as new ones arrive.</summary>
    [Range(1, 100_000)]
    public int MaxMessagesPerThread { get; set; } = 100;

    /// <summary>Characters allowed in one message's text.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Messages allowed in one batch append.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// Prefix of every Redis key this capability writes. Tests give each factory its own prefix
    /// so that they can share one Redis server without flushing it under each other.
    /// </summary>
    [Required, MinLength(1)]
    public string KeyPrefix { get; set; } = "voicehub:threads:";

    public ThreadLimits Limits => new(MaxThreads, MaxMessagesPerThread, MaxMessageLength, MaxBatchSize);
}
