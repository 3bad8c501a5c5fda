using VoiceHub.ApiService.Schedules;

namespace VoiceHub.Tests.Schedules;

/// <summary>Cron expressions and time zones: five or six fields, IANA zones only, daylight saving handled.</summary>
public sealed class CronScheduleTests
{
    private static CronSchedule Parse(string cron, string? zone = "UTC")
    {
        var errors = new Dictionary<string, string[]>();
        var schedule = CronSchedule.TryCreate(cron, zone, errors);
        Assert.True(schedule is not null, string.Join(" ", errors.Values.SelectMany(e => e)));
        return schedule;
    }

    private static Dictionary<string, string[]> Errors(string? cron, string? zone)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(CronSchedule.TryCreate(cron, zone, errors));
        return errors;
    }

    [Fact]
    public void Five_fields_fire_on_the_minute_and_six_fields_take_seconds_first()
    {
        var from = DateTimeOffset.Parse("2026-06-01T10:00:00Z");

        Assert.Equal(DateTimeOffset.Parse("2026-06-01T10:05:00Z"), Parse("*/5 * * * *").Next(from));
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T10:00:10Z"), Parse("*/10 * * * * *").Next(from));
        Assert.False(Parse("*/5 * * * *").HasSeconds);
        Assert.True(Parse("*/10 * * * * *").HasSeconds);
    }

    [Fact]
    public void Weekdays_at_nine_in_a_zone_fire_at_nine_local_time()
    {
        var fires = Parse("0 9 * * 1-5", "America/New_York").NextFires(DateTimeOffset.Parse("2026-06-05T14:00:00Z"), 3); // a Friday, 10:00 in New York

        Assert.Equal(
            [DateTimeOffset.Parse("2026-06-08T13:00:00Z"), DateTimeOffset.Parse("2026-06-09T13:00:00Z"), DateTimeOffset.Parse("2026-06-10T13:00:00Z")],
            fires);
    }

    [Fact]
    public void A_time_the_clock_skips_in_spring_fires_at_the_jump()
    {
        // Berlin, 29 March 2026: 02:00 becomes 03:00, so 02:30 does not exist that night.
        var next = Parse("30 2 * * *", "Europe/Berlin").Next(DateTimeOffset.Parse("2026-03-28T12:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T03:00:00+02:00"), next);
    }

    [Fact]
    public void A_time_the_clock_repeats_in_autumn_fires_once()
    {
        // Berlin, 25 October 2026: 03:00 becomes 02:00, so 02:30 happens twice; a daily job runs once.
        var fires = Parse("30 2 * * *", "Europe/Berlin").NextFires(DateTimeOffset.Parse("2026-10-24T12:00:00Z"), 2);

        Assert.Equal([DateTimeOffset.Parse("2026-10-25T02:30:00+02:00"), DateTimeOffset.Parse("2026-10-26T02:30:00+01:00")], fires);
    }

    [Fact]
    public void An_interval_schedule_keeps_its_interval_through_the_repeated_hour()
    {
        var fires = Parse("0 */30 * * * *", "Europe/Berlin")
            .Between(DateTimeOffset.Parse("2026-10-25T01:45:00+02:00"), DateTimeOffset.Parse("2026-10-25T03:15:00+01:00"), 100).ToList();

        // 02:00 and 02:30 in summer time, then 02:00 and 02:30 again in winter time, then 03:00: every 30 minutes of real time.
        Assert.Equal(5, fires.Count);
        Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(30), pair.Second - pair.First));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * *")]
    [InlineData("61 * * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("0 0 30 2 *")]
    [InlineData("rm -rf /")]
    public void Bad_cron_is_refused_naming_the_field(string cron)
    {
        var errors = Errors(cron, "UTC");

        Assert.Contains("cron", errors.Keys);
        Assert.DoesNotContain("timeZone", errors.Keys);
    }

    [Fact]
    public void A_cron_line_longer_than_the_limit_is_refused() =>
        Assert.Contains("cron", Errors(string.Join(' ', Enumerable.Repeat("1,2,3,4,5,6,7,8,9", 20)), "UTC").Keys);

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/../../etc/passwd")]
    [InlineData("Pacific Standard Time")]
    [InlineData("Europe/Berlin\u0000")]
    public void A_time_zone_that_is_not_an_IANA_id_is_refused(string zone) =>
        Assert.Contains("timeZone", Errors("0 9 * * *", zone).Keys);

    [Fact]
    public void No_time_zone_means_UTC() => Assert.Equal(TimeZoneInfo.Utc.BaseUtcOffset, Parse("0 9 * * *", null).Zone.BaseUtcOffset);
}
