namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// What to do with a schedule's due occurrence: fire it, or — when no replica ran for longer than
/// <c>MissedAfter</c> — apply the schedule's missed policy to everything that passed meanwhile.
/// </summary>
/// <param name="Fire">The occurrence to start a workflow for, or null for none.</param>
/// <param name="Missed">Occurrences that passed without a workflow (skipped, or folded into the one run).</param>
/// <param name="Next">The occurrence to wait for next, or null when the expression has no more.</param>
public sealed record FireDecision(DateTimeOffset? Fire, long Missed, DateTimeOffset? Next);

/// <summary>The missed policy as a pure function of the expression, the due occurrence and the time now.</summary>
public static class MissedOccurrences
{
    /// <summary>Counting stops here: after a very long outage of a very frequent schedule the count is a lower bound.</summary>
    public const int MaxCounted = 100_000;

    public static FireDecision Decide(CronSchedule cron, DateTimeOffset due, DateTimeOffset now, TimeSpan missedAfter, string policy)
    {
        if (now - due <= missedAfter)
        {
            // On time, or late by less than the tolerance (a slow poll, a replica restart): fire it.
            return new FireDecision(due, 0, cron.Next(due));
        }

        // No replica fired for a while: everything up to now was missed. Never catch up with a
        // burst; skip them all, or run once for the latest, then wait for the first one after now.
        DateTimeOffset? latest = null;
        long count = 0;
        foreach (var occurrence in cron.Between(due, now, MaxCounted))
        {
            latest = occurrence;
            count++;
        }

        var next = cron.Next(now);
        return policy == MissedPolicy.RunOnce && latest is not null
            ? new FireDecision(latest, count - 1, next)
            : new FireDecision(null, count, next);
    }
}
