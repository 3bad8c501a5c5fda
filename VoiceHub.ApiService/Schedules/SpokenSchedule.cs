using System.Globalization;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// A spoken schedule ("every weekday at half past nine", "every 15 minutes") as a cron expression
/// and the words to say it back. The grammar (<c>Commands/Grammar/schedules.yaml</c>) finds the
/// pieces as slots; this reads them: days, a clock time (an hour, or hours and minutes run together
/// as "930"), minutes, a part of the day, "half past"/"quarter to", or an interval.
/// </summary>
public sealed record SpokenSchedule(string Cron, string Description)
{
    /// <summary>The time a day-based schedule gets when none was said.</summary>
    public const int DefaultHour = 9;

    /// <summary>Reads the slots; <paramref name="problem"/> says what could not be read (then the result is null).</summary>
    public static SpokenSchedule? Read(Func<string, string?> text, Func<string, int?> number, out string? problem)
    {
        problem = null;
        if (text("unit") is { } unit)
        {
            return Interval(unit, number("count"), out problem);
        }

        var days = text("days") ?? "*";
        int hour, minute;
        var said = true;
        if (text("named_time") is { } named)
        {
            (hour, minute) = (int.Parse(named, CultureInfo.InvariantCulture), 0);
        }
        else if (ClockTime(number("clock"), number("hour"), number("minute")) is not { } clock)
        {
            problem = $"I could not read {number("clock")} as a time of day; say, for example, 'at nine', 'at 9:30' or 'at half past nine'.";
            return null;
        }
        else if (clock.Hour >= 0)
        {
            if (!TryDaypart(clock.Hour, clock.Minute, text("daypart"), text("past"), out hour, out minute, out problem))
            {
                return null;
            }
        }
        else
        {
            (hour, minute, said) = (DefaultHour, 0, false);
        }

        var when = $"at {hour:00}:{minute:00}" + (said ? "" : " (no time was said)");
        return new SpokenSchedule($"{minute} {hour} * * {days}", $"{DaysText(days)} {when}");
    }

    private static SpokenSchedule? Interval(string unit, int? count, out string? problem)
    {
        problem = null;
        switch (unit)
        {
            case "half-hour":
                return new SpokenSchedule("*/30 * * * *", "every 30 minutes");
            case "minute":
                return count is null or 1 ? new SpokenSchedule("* * * * *", "every minute") : new SpokenSchedule($"*/{count} * * * *", $"every {count} minutes");
            case "hour" when count is null or 1:
                return new SpokenSchedule("0 * * * *", "every hour, on the hour");
            case "hour" when count <= 23:
                return new SpokenSchedule($"0 */{count} * * *", $"every {count} hours, on the hour");
            default:
                problem = $"I can repeat every 1 to 23 hours, not every {count} hours.";
                return null;
        }
    }

    /// <summary>
    /// The time said: a typed clock ("9:30" arrives as 930) or an hour with optional minutes; (-1, -1)
    /// when none was said, null when the typed clock is no time of day.
    /// </summary>
    private static (int Hour, int Minute)? ClockTime(int? clock, int? hour, int? minute)
    {
        if (clock is not { } value)
        {
            return hour is { } h ? (h, minute ?? 0) : (-1, -1);
        }

        return value / 100 < 24 && value % 100 < 60 ? (value / 100, value % 100) : null;
    }

    private static bool TryDaypart(int hourSaid, int minuteSaid, string? daypart, string? past, out int hour, out int minute, out string? problem)
    {
        (hour, minute, problem) = (hourSaid, minuteSaid, null);
        if (daypart == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (daypart == "am" && hour == 12)
        {
            hour = 0;
        }
        else if (daypart == "am" && hour > 12)
        {
            problem = $"{hour} in the morning is not a time; say 'at {hour}' or 'at {hour - 12} in the morning'.";
            return false;
        }

        if (past is not null)
        {
            var offset = int.Parse(past, CultureInfo.InvariantCulture);
            (hour, minute) = offset < 0 ? ((hour + 23) % 24, 60 + offset) : (hour, offset);
        }

        return true;
    }

    private static string DaysText(string days) => days switch
    {
        "*" => "every day",
        "1-5" => "every weekday",
        "6,0" => "every weekend day",
        _ => "every " + CultureInfo.InvariantCulture.DateTimeFormat.GetDayName((DayOfWeek)int.Parse(days, CultureInfo.InvariantCulture)),
    };
}
