using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using VoiceHub.ApiService.Schedules;
using VoiceHub.ApiService.Workflows;
using VoiceHub.Tests.Identity;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Schedules;

/// <summary>Schedules firing: workflows owned by the schedule's owner, the missed policy after downtime, a dead replica's claim.</summary>
[Collection(RedisCollection.Name)]
public sealed class ScheduleFiringTests(RedisServerFixture redis)
{
    private static Dictionary<string, string?> Replica(string prefix, bool fires, string lease = "00:00:30") => new()
    {
        [ApiFactory.KeyPrefixSetting] = prefix,
        ["VoiceHub:Workflows:RunWorkers"] = "false",
        ["VoiceHub:Schedules:RunFirer"] = fires ? "true" : "false",
        ["VoiceHub:Schedules:PollInterval"] = "00:00:00.100",
        ["VoiceHub:Schedules:ClaimLease"] = lease,
    };

    private static Task<JsonElement> ScheduleAsync(HttpClient client, string id) => client.GetFromJsonAsync<JsonElement>($"/api/schedules/{id}");

    [Fact]
    public async Task A_fire_starts_a_workflow_owned_by_the_schedules_owner_and_linked_to_it()
    {
        await using var api = new ApiFactory(redis, Replica(TestKeys.NewPrefix(), fires: true));
        using var alice = Callers.Frontend(api, "alice", "operator");
        var id = (await ScheduleApiTests.CreateAsync(alice, new { templateId = "self-test", inputs = new { delay = 1 }, cron = "* * * * * *" })).GetProperty("id").GetString()!;

        var schedule = await Eventually.UntilAsync(_ => ScheduleAsync(alice, id), s => s.GetProperty("fires").GetInt64() >= 2, "two fires");
        var fire = schedule.GetProperty("lastFires")[0];
        var workflow = await alice.GetFromJsonAsync<JsonElement>($"/api/workflows/{fire.GetProperty("workflowId").GetString()}");

        Assert.Equal("alice", workflow.GetProperty("owner").GetString());
        Assert.Equal(id, workflow.GetProperty("scheduleId").GetString());
        Assert.Equal("self-test", workflow.GetProperty("templateId").GetString());
        Assert.Equal(0, fire.GetProperty("occurrence").GetDateTimeOffset().Millisecond);
        var metrics = await alice.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.True(metrics.GetProperty("counters").GetProperty("schedules.fired").GetInt64() >= 2);
    }

    [Fact]
    public async Task After_downtime_runOnce_fires_once_and_skip_fires_nothing()
    {
        var prefix = TestKeys.NewPrefix();
        await using var down = new ApiFactory(redis, Replica(prefix, fires: false));
        using var client = down.CreateClient();
        var runOnce = (await ScheduleApiTests.CreateAsync(client, new { templateId = "repo-status", cron = "* * * * *", missedPolicy = "runOnce" })).GetProperty("id").GetString()!;
        var skip = (await ScheduleApiTests.CreateAsync(client, new { templateId = "repo-status", cron = "* * * * *", missedPolicy = "skip" })).GetProperty("id").GetString()!;

        // Ten minutes without a replica: both schedules were due at an occurrence long past.
        var store = down.Services.GetRequiredService<ScheduleStore>();
        var db = down.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10);
        var past = new DateTimeOffset(tenMinutesAgo.Year, tenMinutesAgo.Month, tenMinutesAgo.Day, tenMinutesAgo.Hour, tenMinutesAgo.Minute, 0, TimeSpan.Zero);
        await db.SortedSetAddAsync(store.Keys.Due, [new SortedSetEntry(runOnce, past.ToUnixTimeMilliseconds()), new SortedSetEntry(skip, past.ToUnixTimeMilliseconds())]);

        await using var up = new ApiFactory(redis, Replica(prefix, fires: true));
        using var upClient = up.CreateClient();
        var ran = await Eventually.UntilAsync(_ => ScheduleAsync(upClient, runOnce), s => s.GetProperty("fires").GetInt64() == 1, "the runOnce fire");
        var skipped = await Eventually.UntilAsync(_ => ScheduleAsync(upClient, skip), s => s.GetProperty("missed").GetInt64() > 0, "the skip policy applied");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a burst would come now
        ran = await ScheduleAsync(upClient, runOnce);
        skipped = await ScheduleAsync(upClient, skip);

        Assert.Equal(1, ran.GetProperty("fires").GetInt64());
        Assert.InRange(ran.GetProperty("missed").GetInt64(), 9, 11);
        Assert.InRange(ran.GetProperty("lastFires")[0].GetProperty("missed").GetInt32(), 9, 11);
        Assert.Equal(0, skipped.GetProperty("fires").GetInt64());
        Assert.InRange(skipped.GetProperty("missed").GetInt64(), 10, 12);
        Assert.All([ran, skipped], s => Assert.True(s.GetProperty("nextFires")[0].GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-5)));
        var counters = (await upClient.GetFromJsonAsync<JsonElement>("/api/metrics")).GetProperty("counters");
        Assert.True(counters.GetProperty("schedules.skipped").GetInt64() >= 10);
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_replica_is_started_once_by_another()
    {
        var prefix = TestKeys.NewPrefix();
        await using var dead = new ApiFactory(redis, Replica(prefix, fires: false, lease: "00:00:01"));
        using var alice = Callers.Frontend(dead, "alice", "operator");
        var id = (await ScheduleApiTests.CreateAsync(alice, new { templateId = "repo-status", cron = "0 0 1 1 *" })).GetProperty("id").GetString()!;

        // The dead replica claims an occurrence due now and stops before it starts the workflow.
        var store = dead.Services.GetRequiredService<ScheduleStore>();
        var db = dead.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var occurrence = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000);
        await db.SortedSetAddAsync(store.Keys.Due, id, occurrence.ToUnixTimeMilliseconds());
        Assert.True(await store.ClaimAsync(id, occurrence.ToUnixTimeMilliseconds(), new FireDecision(occurrence, 0, occurrence.AddYears(1)), DateTimeOffset.UtcNow));

        await using var live = new ApiFactory(redis, Replica(prefix, fires: true));
        using var client = live.CreateClient();
        var schedule = await Eventually.UntilAsync(_ => ScheduleAsync(client, id), s => s.GetProperty("fires").GetInt64() == 1, "the taken-over fire");
        var fire = schedule.GetProperty("lastFires")[0];

        // The dead replica comes back and finishes its start: the idempotency key gives it the same workflow.
        var late = await dead.Services.GetRequiredService<WorkflowService>().StartAsync(new StartWorkflow("repo-status", [],
            $"schedule:{id}:{occurrence.ToUnixTimeMilliseconds()}", Schedule: new ScheduleLink(id, "alice")));

        Assert.Equal(occurrence, fire.GetProperty("occurrence").GetDateTimeOffset());
        var started = Assert.IsType<StartOutcome.Started>(late);
        Assert.False(started.Created);
        Assert.Equal(fire.GetProperty("workflowId").GetString(), started.Workflow.Id);
        var workflows = await client.GetFromJsonAsync<JsonElement>("/api/workflows?limit=100");
        Assert.Equal(1, workflows.GetProperty("total").GetInt64());
        Assert.Equal("alice", workflows.GetProperty("items")[0].GetProperty("owner").GetString());
        Assert.Equal(0, (await db.HashLengthAsync(store.Keys.Claims)));
    }
}
