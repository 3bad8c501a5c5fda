using VoiceHub.ApiService.Schedules;

namespace VoiceHub.Tests.Schedules;

/// <summary>Spoken time phrases (as the grammar's slots) to cron: days, clock times, parts of the day, intervals.</summary>
public sealed class SpokenScheduleTests
{
    private static (SpokenSchedule? Schedule, string? Problem) Read(params (string Slot, object Value)[] slots)
    {
        var values = slots.ToDictionary(s => s.Slot, s => s.Value);
        var schedule = SpokenSchedule.Read(
            slot => values.TryGetValue(slot, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null,
            slot => values.TryGetValue(slot, out var v) && v is int n ? n : null,
            out var problem);
        return (schedule, problem);
    }

    public static TheoryData<string, (string, object)[], string> Phrases => new()
    {
        { "every weekday at nine", [("days", "1-5"), ("hour", 9)], "0 9 * * 1-5" },
        { "every day at 9:30", [("days", "*"), ("clock", 930)], "30 9 * * *" },
        { "every day at nine thirty", [("days", "*"), ("hour", 9), ("minute", 30)], "30 9 * * *" },
        { "every monday at half past nine", [("days", "1"), ("past", "30"), ("hour", 9)], "30 9 * * 1" },
        { "every friday at a quarter to five pm", [("days", "5"), ("past", "-15"), ("hour", 5), ("daypart", "pm")], "45 16 * * 5" },
        { "every day at quarter to midnight (twelve am)", [("past", "-15"), ("hour", 12), ("daypart", "am")], "45 23 * * *" },
        { "daily at 6 pm", [("hour", 6), ("daypart", "pm")], "0 18 * * *" },
        { "daily at nine in the morning", [("hour", 9), ("daypart", "am")], "0 9 * * *" },
        { "every weekend at noon", [("days", "6,0"), ("named_time", "12")], "0 12 * * 6,0" },
        { "every sunday at midnight", [("days", "0"), ("named_time", "0")], "0 0 * * 0" },
        { "every sunday (no time)", [("days", "0")], "0 9 * * 0" },
        { "every 15 minutes", [("count", 15), ("unit", "minute")], "*/15 * * * *" },
        { "every minute", [("unit", "minute")], "* * * * *" },
        { "every hour / hourly", [("unit", "hour")], "0 * * * *" },
        { "every 2 hours", [("count", 2), ("unit", "hour")], "0 */2 * * *" },
        { "every half hour", [("unit", "half-hour")], "*/30 * * * *" },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void A_time_phrase_becomes_cron(string phrase, (string, object)[] slots, string cron)
    {
        var (schedule, problem) = Read(slots);

        Assert.True(schedule is not null, $"{phrase}: {problem}");
        Assert.Equal(cron, schedule.Cron);
        Assert.NotNull(CronSchedule.TryCreate(schedule.Cron, "UTC", []));
    }

    [Fact]
    public void The_description_says_the_days_and_the_time() =>
        Assert.Equal("every weekday at 09:30", Read(("days", "1-5"), ("clock", 930)).Schedule!.Description);

    [Theory]
    [InlineData(2400)]
    [InlineData(975)]
    public void A_typed_clock_that_is_no_time_of_day_is_refused_with_examples(int clock)
    {
        var (schedule, problem) = Read(("days", "*"), ("clock", clock));

        Assert.Null(schedule);
        Assert.Contains("half past nine", problem);
    }

    [Fact]
    public void Thirteen_in_the_morning_is_refused() => Assert.Null(Read(("hour", 13), ("daypart", "am")).Schedule);

    [Fact]
    public void A_typed_clock_with_a_leading_zero_reads() => Assert.Equal("5 7 * * *", Read(("clock", 705)).Schedule!.Cron);

    [Fact]
    public void More_than_23_hours_is_refused() => Assert.Null(Read(("count", 30), ("unit", "hour")).Schedule);
}
