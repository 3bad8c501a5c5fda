using System.Text.RegularExpressions;
using Cronos;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// A parsed cron expression in its time zone. Five fields (minute first) or six (seconds first);
/// occurrences are computed in the zone's local time with Cronos, which handles daylight saving:
/// a time the clock skips fires at the jump, a time it repeats fires once (interval-based
/// expressions such as every 15 minutes fire in both repeated hours).
/// </summary>
public sealed partial class CronSchedule
{
    public const int MaxCronLength = 120;
    public const int MaxTimeZoneLength = 64;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone, string text, bool hasSeconds)
    {
        Expression = expression;
        Zone = zone;
        Text = text;
        HasSeconds = hasSeconds;
    }

    public CronExpression Expression { get; }
    public TimeZoneInfo Zone { get; }
    public string Text { get; }
    public bool HasSeconds { get; }

    /// <summary>The expression and zone, or the reason each is wrong (keyed by <c>cron</c> / <c>timeZone</c>).</summary>
    public static CronSchedule? TryCreate(string? cron, string? timeZone, Dictionary<string, string[]> errors)
    {
        var zone = TryZone(timeZone, errors);
        var text = cron?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxCronLength)
        {
            errors["cron"] = [$"cron must be 1-{MaxCronLength} characters, five fields (minute hour day month weekday, e.g. '0 9 * * 1-5') or six with seconds first (e.g. '*/10 * * * * *')."];
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hasSeconds = fields.Length == 6;
        if (fields.Length is not (5 or 6) && !text.StartsWith('@'))
        {
            errors["cron"] = [$"cron '{text}' has {fields.Length} fields; give five (minute hour day month weekday) or six (seconds first)."];
            return null;
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(string.Join(' ', fields), hasSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            errors["cron"] = [$"cron '{text}' is not a valid expression: {e.Message}"];
            return null;
        }

        if (zone is null)
        {
            return null;
        }

        var schedule = new CronSchedule(expression, zone, string.Join(' ', fields), hasSeconds);
        if (schedule.Next(DateTimeOffset.UtcNow) is null)
        {
            errors["cron"] = [$"cron '{text}' never fires (e.g. the 30th of February); check the day and month fields."];
            return null;
        }

        return schedule;
    }

    /// <summary>An IANA zone id such as <c>Europe/Berlin</c> (default <c>UTC</c>); checked for shape before the system looks it up.</summary>
    private static TimeZoneInfo? TryZone(string? timeZone, Dictionary<string, string[]> errors)
    {
        var id = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (id.Length <= MaxTimeZoneLength && ZoneShape().IsMatch(id)
            && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && (zone.HasIanaId || id == "UTC"))
        {
            return zone;
        }

        errors["timeZone"] = [$"timeZone must be an IANA time zone id such as 'UTC', 'Europe/Berlin' or 'America/New_York'; '{Shorten(id)}' is not one."];
        return null;
    }

    /// <summary>The first occurrence after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Expression.GetNextOccurrence(after, Zone);

    /// <summary>Up to <paramref name="count"/> occurrences after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> NextFires(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var at = after;
        while (result.Count < count && Next(at) is { } next)
        {
            result.Add(next);
            at = next;
        }

        return result;
    }

    /// <summary>The occurrences from <paramref name="from"/> (inclusive) to <paramref name="to"/> (inclusive), at most <paramref name="max"/>.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, int max) =>
        Expression.GetOccurrences(from, to, Zone, fromInclusive: true, toInclusive: true).Take(max);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // Area/Location[/Sub], or a bare name (UTC, EST5EDT, Etc/GMT+5): letters, digits, _ + -; no dots, so no "..".
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9][A-Za-z0-9_+\-]*){0,2}$")]
    private static partial Regex ZoneShape();
}
