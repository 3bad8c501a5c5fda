namespace VoiceHub.ApiService.Threads;

/// <summary>The limits in force, reported with thread responses so clients know what to expect.</summary>
public sealed record ThreadLimits(int MaxThreads, int MaxMessagesPerThread, int MaxMessageLength, int MaxBatchSize);
