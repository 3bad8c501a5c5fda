using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Identity;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Schedules;

/// <summary>The schedules API: create, read, list, pause, resume, delete; the board and its owners.</summary>
[Collection(RedisCollection.Name)]
public sealed class ScheduleApiTests(RedisServerFixture redis) : ApiTest(redis)
{
    internal static readonly object Nightly = new { templateId = "repo-status", inputs = new { path = "." }, cron = "0 2 * * *", timeZone = "Europe/Berlin", missedPolicy = "runOnce", name = "nightly status" };

    // Nothing fires in these tests: they are about the API, the firing tests have their own.
    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Schedules:RunFirer"] = "false", ["VoiceHub:Workflows:RunWorkers"] = "false" };

    internal static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/schedules", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.Location);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_created_schedule_shows_its_next_fire_times_in_its_zone()
    {
        var created = await CreateAsync(Client, Nightly);

        var id = created.GetProperty("id").GetString()!;
        var fetched = await Client.GetFromJsonAsync<JsonElement>($"/api/schedules/{id}");
        var next = fetched.GetProperty("nextFires").EnumerateArray().Select(e => e.GetDateTimeOffset()).ToList();
        Assert.Matches("^sch_[0-9a-f]{16}$", id);
        Assert.Equal(5, next.Count);
        Assert.All(next, at => Assert.Equal(2, TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour));
        Assert.Equal(next.Order(), next);
        Assert.Equal("runOnce", fetched.GetProperty("missedPolicy").GetString());
        Assert.Equal("bootstrap-admin", fetched.GetProperty("owner").GetString());
        Assert.False(fetched.GetProperty("paused").GetBoolean());
        Assert.Equal(0, fetched.GetProperty("lastFires").GetArrayLength());
    }

    [Fact]
    public async Task Pause_clears_the_next_fires_and_resume_brings_them_back()
    {
        var id = (await CreateAsync(Client, Nightly)).GetProperty("id").GetString();

        using var paused = await Client.PostAsync($"/api/schedules/{id}/pause", null);
        var pausedBody = await paused.Content.ReadFromJsonAsync<JsonElement>();
        using var resumed = await Client.PostAsync($"/api/schedules/{id}/resume", null);
        var resumedBody = await resumed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True(pausedBody.GetProperty("paused").GetBoolean());
        Assert.Equal(0, pausedBody.GetProperty("nextFires").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False(resumedBody.GetProperty("paused").GetBoolean());
        Assert.Equal(5, resumedBody.GetProperty("nextFires").GetArrayLength());
    }

    [Fact]
    public async Task A_deleted_schedule_is_gone()
    {
        var id = (await CreateAsync(Client, Nightly)).GetProperty("id").GetString();

        using var deleted = await Client.DeleteAsync($"/api/schedules/{id}");
        using var again = await Client.GetAsync($"/api/schedules/{id}");
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/schedules");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_board_is_everyones_but_only_the_owner_or_an_admin_changes_a_schedule()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        using var vera = Callers.Frontend(Api, "vera", "viewer");
        var id = (await CreateAsync(alice, Nightly)).GetProperty("id").GetString();
        await CreateAsync(bob, Nightly);

        var board = await vera.GetFromJsonAsync<JsonElement>("/api/schedules");
        var bobs = await bob.GetFromJsonAsync<JsonElement>("/api/schedules?mine=true");
        using var veraCreates = await vera.PostAsJsonAsync("/api/schedules", Nightly);
        using var bobPauses = await bob.PostAsync($"/api/schedules/{id}/pause", null);
        using var bobResumes = await bob.PostAsync($"/api/schedules/{id}/resume", null);
        using var bobDeletes = await bob.DeleteAsync($"/api/schedules/{id}");
        using var alicePauses = await alice.PostAsync($"/api/schedules/{id}/pause", null);
        using var adminDeletes = await Client.DeleteAsync($"/api/schedules/{id}");

        Assert.Equal(2, board.GetProperty("total").GetInt64());
        Assert.Equal(1, bobs.GetProperty("total").GetInt64());
        Assert.Equal("bob", bobs.GetProperty("items")[0].GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, veraCreates.StatusCode);
        await ProblemAssert.IsProblemAsync(bobPauses, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(bobResumes, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(bobDeletes, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, alicePauses.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, adminDeletes.StatusCode);
    }

    [Fact]
    public async Task Lists_are_paged_like_every_other_list()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(Client, Nightly);
        }

        var page = await Client.GetFromJsonAsync<JsonElement>("/api/schedules?page=2&limit=2");
        using var bad = await Client.GetAsync("/api/schedules?page=0&limit=500&mine=maybe");

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(["limit", "mine", "page"], ProblemAssert.ErrorFields(await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task An_owner_may_keep_only_so_many_schedules()
    {
        await using var api = new ApiFactory(Redis, new Dictionary<string, string?> { ["VoiceHub:Schedules:RunFirer"] = "false", ["VoiceHub:Schedules:MaxSchedulesPerOwner"] = "2" });
        using var client = api.CreateClient();
        await CreateAsync(client, Nightly);
        await CreateAsync(client, Nightly);

        using var third = await client.PostAsJsonAsync("/api/schedules", Nightly);

        Assert.Contains("delete one", (await ProblemAssert.IsProblemAsync(third, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }
}
