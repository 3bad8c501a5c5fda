using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Schedules;

/// <summary>
/// The acceptance test: two replicas of one hub (one key prefix) and a schedule firing every
/// second for a minute; one replica is stopped halfway. Every occurrence from the first fire to the
/// last must have started exactly one workflow, with no gap where the replica stopped.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ScheduleReplicaTests(RedisServerFixture redis, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_occurrence_starts_exactly_once_across_replicas_even_when_one_stops()
    {
        var settings = new Dictionary<string, string?>
        {
            [ApiFactory.KeyPrefixSetting] = TestKeys.NewPrefix(),
            ["VoiceHub:Workflows:RunWorkers"] = "false", // started is what counts here; sixty runs would only load the machine
            ["VoiceHub:Schedules:PollInterval"] = "00:00:00.100",
            ["VoiceHub:Schedules:ClaimLease"] = "00:00:02", // a claim the stopped replica leaves is taken over within the minute
        };
        await using var a = new ApiFactory(redis, settings);
        var b = new ApiFactory(redis, settings);
        using var clientA = a.CreateTimedClient();
        using (var clientB = b.CreateTimedClient())
        {
            await clientB.GetAsync("/api/schedules"); // both replicas up and firing before the schedule exists
        }

        var id = (await ScheduleApiTests.CreateAsync(clientA, new { templateId = "repo-status", cron = "* * * * * *" })).GetProperty("id").GetString()!;
        var started = DateTimeOffset.UtcNow;
        await Task.Delay(Minute / 2);
        await b.DisposeAsync(); // replica b stops mid-minute, whatever it was doing
        await Task.Delay(Minute / 2);
        using (var pause = await clientA.PostAsync($"/api/schedules/{id}/pause", null))
        {
            pause.EnsureSuccessStatusCode();
        }

        // Claims in flight when the pause landed still settle; wait until none is left.
        var (schedule, workflows) = await Eventually.UntilAsync(
            async _ => (await clientA.GetFromJsonAsync<JsonElement>($"/api/schedules/{id}"), await Workflows(clientA, id)),
            seen => seen.Item2.Count == seen.Item1.GetProperty("fires").GetInt64(),
            "every claimed occurrence settled", TimeSpan.FromSeconds(20));
        var occurrences = Occurrences(workflows);

        var distinct = occurrences.Distinct().Order().ToList();
        Assert.Equal(distinct.Count, occurrences.Count); // no occurrence started twice
        Assert.Equal(distinct.Count, workflows.Select(w => w.GetProperty("id").GetString()).Distinct().Count());
        Assert.True(distinct.Count >= 55, $"a minute of one-second occurrences started only {distinct.Count} workflows");
        var gaps = distinct.Zip(distinct.Skip(1)).Where(p => p.Second - p.First != 1000).ToList();
        Assert.True(gaps.Count == 0, "occurrences without a workflow after: " + string.Join(", ", gaps.Select(g => DateTimeOffset.FromUnixTimeMilliseconds(g.First).ToString("o"))));
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(distinct[0]) - started < TimeSpan.FromSeconds(3), "the first occurrence fired late");
        Assert.Equal(0, schedule.GetProperty("missed").GetInt64());
        Assert.All(workflows, w => Assert.Equal(id, w.GetProperty("scheduleId").GetString()));

        // For docs/PERFORMANCE.md (never asserted): how long after its occurrence each workflow was created.
        var lateness = workflows.Select(w => (w.GetProperty("createdAt").GetDateTimeOffset()
            - DateTimeOffset.FromUnixTimeMilliseconds(Occurrences([w])[0])).TotalMilliseconds).Order().ToList();
        output.WriteLine($"{lateness.Count} fires; occurrence -> workflow created: p50 {lateness[lateness.Count / 2]:0} ms, "
            + $"p95 {lateness[(int)(lateness.Count * 0.95)]:0} ms, max {lateness[^1]:0} ms");
    }

    private static async Task<List<JsonElement>> Workflows(HttpClient client, string scheduleId)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/workflows?limit=100&page={page}");
            var items = result.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items.Where(w => w.TryGetProperty("scheduleId", out var s) && s.GetString() == scheduleId));
            if (items.Count < 100)
            {
                return all;
            }
        }
    }

    /// <summary>The occurrence each workflow was started for, from its idempotency key <c>schedule:{id}:{occurrence ms}</c>.</summary>
    private static List<long> Occurrences(List<JsonElement> workflows) =>
        workflows.Select(w => long.Parse(w.GetProperty("idempotencyKey").GetString()!.Split(':')[^1], CultureInfo.InvariantCulture)).ToList();
}
