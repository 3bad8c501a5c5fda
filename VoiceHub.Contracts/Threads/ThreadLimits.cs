namespace VoiceHub.Contracts.Threads;

/// <summary>The limits in force, reported with thread responses so clients know what to expect.</summary>
public sealed record ThreadLimits(int MaxThreads, int MaxMessagesPerThread, int MaxMessageLength, int MaxBatchSize)
{
    /// <summary>The text cut (with an ellipsis) to fit one message, for text the hub writes itself.</summary>
    public string Fit(string text) => text.Length <= MaxMessageLength ? text : text[..(MaxMessageLength - 1)] + "…";
}
