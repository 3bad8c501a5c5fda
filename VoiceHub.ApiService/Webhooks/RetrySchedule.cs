namespace VoiceHub.ApiService.Webhooks;

/// <summary>When a failed delivery is tried again: exponential backoff with full jitter in its upper half, within the retry window.</summary>
public static class RetrySchedule
{
    /// <summary>The time of the next attempt after attempt <paramref name="attempt"/> failed, or null when the delivery has run out of attempts or time.</summary>
    public static DateTimeOffset? Next(WebhookOptions options, int attempt, DateTimeOffset since, DateTimeOffset now, double random)
    {
        if (attempt >= options.MaxAttempts)
        {
            return null;
        }

        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent), options.MaxBackoff.TotalMilliseconds);
        // Half fixed, half random: retries of many deliveries spread out instead of arriving together.
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * random));
        var next = now + delay;
        return next - since > options.RetryWindow ? null : next;
    }
}
