using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using VoiceHub.Benchmarks.Engine;

namespace VoiceHub.LoadTest;

/// <summary>
/// N Server-Sent Events clients follow one workflow (self-test, 3 s per wait step) on one API
/// replica. Prints, per round: clients that got every event, events per client, and Redis commands
/// (INFO commandstats deltas) in two phases: while the clients connect and replay (each request's
/// own reads, rate limit and replay), and while the rest of the events stream to connected clients
/// (the fan-out), which must not grow with the number of clients.
/// </summary>
internal static class SseFanOut
{
    public static async Task RunAsync(Uri api, string redisConnection, string apiKey, IReadOnlyList<int> rounds)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true");
        var server = redis.GetServers()[0];
        Console.WriteLine("| clients | all events | events/client | connect: Redis calls (per client) | streaming: Redis calls | streaming: XRANGE |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var clients in rounds)
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 10 })
            {
                BaseAddress = api,
                Timeout = Timeout.InfiniteTimeSpan,
                DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey) },
            };
            var start = await http.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 3000 } });
            var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var before = await RedisCommandStats.ReadAsync(server);
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var connected = new CountdownEvent(clients);
            var followers = Enumerable.Range(0, clients).Select(_ => FollowAsync(http, id, connected, cts.Token)).ToList();
            connected.Wait(cts.Token);
            var streaming = await RedisCommandStats.ReadAsync(server);
            var counts = await Task.WhenAll(followers);
            var after = await RedisCommandStats.ReadAsync(server);
            var complete = counts.Count(c => c.Terminal);
            // The readings of the counters themselves are not the API's work (Minus leaves INFO out).
            var connect = streaming.Minus(before).Calls;
            var fanOut = after.Minus(streaming);
            Console.WriteLine($"| {clients} | {complete}/{clients} | {counts.Min(c => c.Events)}–{counts.Max(c => c.Events)} | {connect} ({(double)connect / clients:0.0}) " +
                $"| {fanOut.Calls} | {fanOut.ByCommand.GetValueOrDefault("xrange").Calls} |");
        }
    }

    private static async Task<(int Events, bool Terminal)> FollowAsync(HttpClient http, string id, CountdownEvent connected, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/workflows/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        connected.Signal();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = 0;
        var terminal = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                events++;
                terminal = line is "event: workflow.completed" or "event: workflow.failed" or "event: workflow.canceled";
            }
        }

        return (events, terminal);
    }
}
