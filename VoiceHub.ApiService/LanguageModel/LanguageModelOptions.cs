using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// How calls to the language model are protected (section <c>VoiceHub:LanguageModel</c>): a total timeout
/// around retries with exponential backoff, a circuit breaker, and a timeout per attempt.
/// </summary>
public sealed class LanguageModelOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:LanguageModel";

    /// <summary>Longest one generation may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Longest one HTTP attempt may take; a model writing code needs a while.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after a 5xx, 408, 429, timeout or connection failure; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; each next one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 6;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open circuit refuses calls before one trial call may pass.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on generated tokens per call; <c>null</c> leaves it to the model.</summary>
    public int? MaxOutputTokens { get; set; }

    public IEnumerable<string> Problems()
    {
        if (Timeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout < TimeSpan.FromMilliseconds(10))
        {
            yield return "Timeout and AttemptTimeout must be at least 10 ms";
        }

        if (MaxRetryAttempts is < 0 or > 10)
        {
            yield return "MaxRetryAttempts must be 0..10";
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            yield return "RetryDelay must not be negative";
        }

        if (FailureRatio is <= 0 or > 1)
        {
            yield return "FailureRatio must be greater than 0 and at most 1";
        }

        if (MinimumThroughput < 2)
        {
            yield return "MinimumThroughput must be 2 or more";
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return "SamplingDuration and BreakDuration must be at least 500 ms";
        }

        if (MaxOutputTokens is < 1)
        {
            yield return "MaxOutputTokens must be 1 or more";
        }
    }
}
