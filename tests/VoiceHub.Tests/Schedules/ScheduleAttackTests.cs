using System.Net;
using System.Net.Http.Json;
using System.Text;
using VoiceHub.Tests.Identity;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Schedules;

/// <summary>Attacks on the schedules API: every one gets a 4xx with a detail, nothing is created, nothing reaches a key or a file.</summary>
[Collection(RedisCollection.Name)]
public sealed class ScheduleAttackTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Schedules:RunFirer"] = "false", ["VoiceHub:Workflows:RunWorkers"] = "false" };

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "bad cron", """{"templateId":"repo-status","cron":"every day at nine"}""", "cron" },
        { "cron with a shell line", """{"templateId":"repo-status","cron":"* * * * * ; rm -rf /"}""", "cron" },
        { "cron that never fires", """{"templateId":"repo-status","cron":"0 0 30 2 *"}""", "cron" },
        { "zone as a path", """{"templateId":"repo-status","cron":"0 9 * * *","timeZone":"../../../../etc/passwd"}""", "timeZone" },
        { "zone unknown", """{"templateId":"repo-status","cron":"0 9 * * *","timeZone":"Atlantis/Capital"}""", "timeZone" },
        { "bad policy", """{"templateId":"repo-status","cron":"0 9 * * *","missedPolicy":"burst"}""", "missedPolicy" },
        { "no template", """{"cron":"0 9 * * *"}""", "templateId" },
        { "bad input", """{"templateId":"check-url","inputs":{"url":"not a url at all"},"cron":"0 9 * * *"}""", "url" },
        { "unknown input", """{"templateId":"repo-status","inputs":{"rm":"-rf"},"cron":"0 9 * * *"}""", "rm" },
        { "long name", "{\"templateId\":\"repo-status\",\"cron\":\"0 9 * * *\",\"name\":\"" + new string('n', 500) + "\"}", "name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_schedule_is_refused_naming_what_is_wrong(string why, string body, string field)
    {
        using var response = await Client.PostAsync("/api/schedules", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(ProblemAssert.ErrorFields(problem).Any(f => f.Contains(field, StringComparison.OrdinalIgnoreCase)), $"{why}: {problem}");
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task An_unknown_template_is_404_like_starting_it()
    {
        using var response = await Client.PostAsJsonAsync("/api/schedules", new { templateId = "format-disk", cron = "0 9 * * *" });

        Assert.Contains("format-disk", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task Huge_inputs_are_refused_before_they_are_read()
    {
        var body = "{\"templateId\":\"repo-status\",\"cron\":\"0 9 * * *\",\"inputs\":{\"path\":\"" + new string('a', 200_000) + "\"}}";

        using var response = await Client.PostAsync("/api/schedules", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await NothingCreatedAsync();
    }

    [Fact]
    public async Task Inputs_longer_than_the_template_allows_are_refused()
    {
        using var response = await Client.PostAsJsonAsync("/api/schedules", new { templateId = "repo-status", cron = "0 9 * * *", inputs = new { path = new string('a', 5000) } });

        Assert.Contains("inputs.path", ProblemAssert.ErrorFields(await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData("..%2F..%2Fkeys")]
    [InlineData("sch_ZZZZZZZZZZZZZZZZ")]
    [InlineData("sch_0000000000000000")]
    [InlineData("%7Bs%7D:index")]
    [InlineData("1")]
    public async Task Unknown_or_malformed_ids_are_404(string id)
    {
        using var get = await Client.GetAsync($"/api/schedules/{id}");
        using var pause = await Client.PostAsync($"/api/schedules/{id}/pause", null);
        using var delete = await Client.DeleteAsync($"/api/schedules/{id}");

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(pause, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_operators_schedule_is_404_to_change()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var mallory = Callers.Frontend(Api, "mallory", "operator");
        var id = (await ScheduleApiTests.CreateAsync(alice, ScheduleApiTests.Nightly)).GetProperty("id").GetString();

        using var pause = await mallory.PostAsync($"/api/schedules/{id}/pause", null);
        using var delete = await mallory.DeleteAsync($"/api/schedules/{id}");
        var after = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/schedules/{id}");

        await ProblemAssert.IsProblemAsync(pause, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.False(after.GetProperty("paused").GetBoolean());
    }

    private async Task NothingCreatedAsync() =>
        Assert.Equal(0, (await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/schedules")).GetProperty("total").GetInt64());
}
