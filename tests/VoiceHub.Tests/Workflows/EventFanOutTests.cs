using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Workflows.Events;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>Server-Sent Events fan out from one Redis subscription per replica, capped, with heartbeats.</summary>
[Collection(RedisCollection.Name)]
public sealed class EventFanOutTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Events:MaxStreamsPerCaller"] = "60",
        ["VoiceHub:Events:HeartbeatInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Fifty_clients_of_one_workflow_each_get_every_event_in_order()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 300 })).Id();
        var readers = Enumerable.Range(0, 50).Select(_ => ReadEventIdsAsync($"/api/workflows/{id}/events")).ToList();

        var streams = await Task.WhenAll(readers);

        var expected = streams[0];
        Assert.True(expected.Count >= 8, $"only {expected.Count} events: {string.Join(",", expected)}");
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => i.ToString()), expected);
        Assert.All(streams, s => Assert.Equal(expected, s));
        Assert.Equal(0, Api.Services.GetRequiredService<EventStreamLimits>().Open);
    }

    [Fact]
    public async Task A_quiet_stream_gets_heartbeats()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 2000 })).Id();
        using var response = await Client.GetAsync($"/api/workflows/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var line = await Eventually.UntilAsync(ct => reader.ReadLineAsync(ct).AsTask(), l => l == ": heartbeat", "a heartbeat comment", Patience.Request);

        Assert.Equal(": heartbeat", line);
    }

    [Fact]
    public async Task Streams_past_the_callers_cap_get_429_with_retry_after()
    {
        await using var capped = new ApiFactory(Redis, new Dictionary<string, string?> { ["VoiceHub:Events:MaxStreamsPerCaller"] = "2" });
        using var client = capped.CreateTimedClient();
        using var first = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);

        using var third = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("MaxStreamsPerCaller", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Streams_past_the_replicas_cap_get_503_with_retry_after()
    {
        await using var capped = new ApiFactory(Redis, new Dictionary<string, string?> { ["VoiceHub:Events:MaxStreamsPerReplica"] = "1" });
        using var client = capped.CreateTimedClient();
        using var first = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);

        using var second = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task Replay_after_last_event_id_starts_after_that_event()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 0 })).Id();
        await Client.WaitFinishedAsync(id);

        var all = await ReadEventIdsAsync($"/api/workflows/{id}/events");
        var rest = await ReadEventIdsAsync($"/api/workflows/{id}/events", lastEventId: "3");

        Assert.Equal(all.Skip(3), rest);
    }

    private async Task<List<string>> ReadEventIdsAsync(string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var cts = new CancellationTokenSource(Patience.Background);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var ids = new List<string>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(line[4..]);
            }
        }

        return ids;
    }
}
