using VoiceHub.ApiService.Schedules;

namespace VoiceHub.Tests.Schedules;

/// <summary>The missed policy: on time fires, late within the tolerance fires, after downtime skip or run once, never a burst.</summary>
public sealed class MissedOccurrencesTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Nine = DateTimeOffset.Parse("2026-06-01T09:00:00Z");

    private static CronSchedule EveryMinute() => CronSchedule.TryCreate("* * * * *", "UTC", [])!;

    [Fact]
    public void An_occurrence_on_time_fires_and_the_next_one_follows()
    {
        var decision = MissedOccurrences.Decide(EveryMinute(), Nine, Nine.AddMilliseconds(120), Tolerance, MissedPolicy.Skip);

        Assert.Equal(new FireDecision(Nine, 0, Nine.AddMinutes(1)), decision);
    }

    [Fact]
    public void An_occurrence_late_by_less_than_the_tolerance_still_fires()
    {
        var decision = MissedOccurrences.Decide(EveryMinute(), Nine, Nine.AddSeconds(20), Tolerance, MissedPolicy.Skip);

        Assert.Equal(Nine, decision.Fire);
        Assert.Equal(0, decision.Missed);
    }

    [Fact]
    public void After_downtime_skip_fires_nothing_and_waits_for_the_first_occurrence_after_now()
    {
        var now = Nine.AddMinutes(10).AddSeconds(5);
        var decision = MissedOccurrences.Decide(EveryMinute(), Nine, now, Tolerance, MissedPolicy.Skip);

        Assert.Null(decision.Fire);
        Assert.Equal(11, decision.Missed); // 09:00 .. 09:10
        Assert.Equal(Nine.AddMinutes(11), decision.Next);
    }

    [Fact]
    public void After_downtime_runOnce_fires_once_for_the_latest_and_counts_the_rest_as_missed()
    {
        var now = Nine.AddMinutes(10).AddSeconds(5);
        var decision = MissedOccurrences.Decide(EveryMinute(), Nine, now, Tolerance, MissedPolicy.RunOnce);

        Assert.Equal(Nine.AddMinutes(10), decision.Fire);
        Assert.Equal(10, decision.Missed);
        Assert.Equal(Nine.AddMinutes(11), decision.Next);
        Assert.True(decision.Next > now, "after downtime nothing already due is left to fire: no burst");
    }

    [Fact]
    public void A_very_long_outage_of_a_frequent_schedule_is_counted_up_to_the_cap()
    {
        var everySecond = CronSchedule.TryCreate("* * * * * *", "UTC", [])!;
        var decision = MissedOccurrences.Decide(everySecond, Nine, Nine.AddDays(30), Tolerance, MissedPolicy.Skip);

        Assert.Equal(MissedOccurrences.MaxCounted, decision.Missed);
        Assert.Equal(Nine.AddDays(30).AddSeconds(1), decision.Next);
    }
}
