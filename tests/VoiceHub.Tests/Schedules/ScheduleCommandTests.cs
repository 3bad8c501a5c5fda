using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Identity;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Schedules;

/// <summary>Schedules by voice: create, list, and pause/resume/delete by the place in the speaker's own list.</summary>
[Collection(RedisCollection.Name)]
public sealed class ScheduleCommandTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Schedules:RunFirer"] = "false",
        ["VoiceHub:Workflows:RunWorkers"] = "false",
        ["VoiceHub:Schedules:DefaultTimeZone"] = "Europe/Berlin",
    };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SayAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/commands", new { text });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_spoken_schedule_is_created_in_the_default_zone_for_the_speaker()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");

        var (status, reply) = await SayAsync(alice, "run the repository status every weekday at half past nine");
        var mine = await alice.GetFromJsonAsync<JsonElement>("/api/schedules?mine=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("scheduled", reply.GetProperty("action").GetString());
        Assert.Contains("every weekday at 09:30", reply.GetProperty("reply").GetString());
        var schedule = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("30 9 * * 1-5", schedule.GetProperty("cron").GetString());
        Assert.Equal("Europe/Berlin", schedule.GetProperty("timeZone").GetString());
        Assert.Equal("repo-status", schedule.GetProperty("templateId").GetString());
        Assert.Equal("alice", schedule.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Schedule_two_is_the_second_of_the_speakers_own_list()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        await SayAsync(bob, "run the self test every hour");
        await SayAsync(alice, "run the repository status every day at nine");
        await SayAsync(alice, "run the tests every 15 minutes");

        var (_, listed) = await SayAsync(alice, "list my schedules");
        var (pausedStatus, paused) = await SayAsync(alice, "pause schedule two");
        var afterPause = await alice.GetFromJsonAsync<JsonElement>("/api/schedules?mine=true");
        var (_, resumed) = await SayAsync(alice, "resume the second schedule");
        var (_, deleted) = await SayAsync(alice, "delete schedule 2");
        var (missingStatus, missing) = await SayAsync(alice, "pause schedule three");
        var board = await alice.GetFromJsonAsync<JsonElement>("/api/schedules");

        Assert.StartsWith("You have 2 schedules", listed.GetProperty("reply").GetString());
        Assert.Equal(HttpStatusCode.OK, pausedStatus);
        Assert.Equal("schedule_paused", paused.GetProperty("action").GetString());
        Assert.Contains("run-tests", paused.GetProperty("reply").GetString());
        Assert.True(afterPause.GetProperty("items")[1].GetProperty("paused").GetBoolean());
        Assert.False(afterPause.GetProperty("items")[0].GetProperty("paused").GetBoolean());
        Assert.Equal("schedule_resumed", resumed.GetProperty("action").GetString());
        Assert.Equal("schedule_deleted", deleted.GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingStatus);
        Assert.Contains("list my schedules", missing.GetProperty("reply").GetString());
        Assert.Equal(2, board.GetProperty("total").GetInt64()); // bob's and alice's first
    }

    [Fact]
    public async Task A_time_that_is_no_time_of_day_is_refused_saying_how_to_say_it()
    {
        var (status, reply) = await SayAsync(Client, "run the tests every day at 13 in the morning");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("13 in the morning is not a time", reply.GetProperty("reply").GetString());
        Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>("/api/schedules")).GetProperty("total").GetInt64());
    }
}
