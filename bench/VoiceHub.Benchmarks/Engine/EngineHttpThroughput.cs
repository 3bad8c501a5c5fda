using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.Benchmarks.Engine;

/// <summary>
/// The engine through the real HTTP API: a spawned API process (Release build, bootstrap admin key,
/// rate limits raised) and C connections posting <c>self-test</c> with <c>delay: 0</c> to
/// <c>POST /api/workflows</c>, as fast as they can or at a fixed rate (<c>--rate</c>, to measure
/// latency below saturation). Reports accepted/s, finished/s (first post → last workflow
/// Completed), start-to-finish p50/p99 (createdAt → finishedAt as stored) and Redis commands, CPU
/// per workflow (INFO commandstats and INFO cpu deltas, the API's polling included).
/// <c>--warmup N</c> runs N workflows flat out before the clock starts, so the figures are the
/// steady state of a process whose hot paths are compiled (tiered JIT takes the first ~30 s of a fresh
/// process: 2–2.7 s of JIT time per 5 s while a cold API runs this bench).
/// <c>--no-rate-limits</c> turns the limiters off, as in issue 15's own measurement (each limiter a
/// request passes is one Redis script).
///
/// dotnet build -c Release VoiceHub.ApiService bench/VoiceHub.Benchmarks
/// dotnet run -c Release --project bench/VoiceHub.Benchmarks -- engine-http --workflows 5000 --connections 32 [--rate 800] [--concurrency 8] [--warmup 20000] [--no-rate-limits] [--redis host:port]
/// </summary>
public static class EngineHttpThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workflows = EngineThroughput.IntArg(args, "--workflows", 5000);
        var connections = EngineThroughput.IntArg(args, "--connections", 32);
        var concurrency = EngineThroughput.IntArg(args, "--concurrency", 8);
        var rate = EngineThroughput.IntArg(args, "--rate", 0);
        var warmup = EngineThroughput.IntArg(args, "--warmup", 0);
        await using var redis = await BenchRedis.StartAsync(EngineThroughput.StringArg(args, "--redis"));
        var prefix = $"bench-{Guid.NewGuid():N}:";
        await using var api = await ApiProcess.StartAsync(redis.ConnectionString, prefix, concurrency, rateLimits: !args.Contains("--no-rate-limits"));
        using var client = api.CreateClient(connections);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServers()[0];
        // --completed-index "{prefix}wf:status:Completed" reads another build's key layout (VOICEHUB_BENCH_API: before the per-step redesign).
        var completed = EngineThroughput.StringArg(args, "--completed-index") is { } layout
            ? layout.Replace("{prefix}", prefix, StringComparison.Ordinal)
            : new WorkflowKeys(prefix).StatusIndex(WorkflowStatus.Completed);

        // One workflow first (or --warmup of them), so connections (and JIT) are warm before the clock starts.
        var before = Math.Max(1, warmup);
        await RunAllAsync(client, new string[before], connections, 0, Stopwatch.StartNew());
        while (await admin.GetDatabase().SortedSetLengthAsync(completed) < before)
        {
            await Task.Delay(20);
        }

        var statsBefore = await RedisCommandStats.ReadAsync(server);
        var clock = Stopwatch.StartNew();
        var ids = new string[workflows];
        await RunAllAsync(client, ids, connections, rate, clock);
        var accepted = clock.Elapsed;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        while (await admin.GetDatabase().SortedSetLengthAsync(completed) < workflows + before)
        {
            await Task.Delay(10, timeout.Token);
        }

        var finished = clock.Elapsed;
        var redisWork = (await RedisCommandStats.ReadAsync(server)).Minus(statsBefore);
        var latencies = await LatenciesAsync(client, ids);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Engine through HTTP: {workflows} workflows x 5 steps (self-test, delay 0) after {before} to warm up, {connections} connections{(rate > 0 ? $" at {rate}/s" : ", as fast as they go")}{(args.Contains("--no-rate-limits") ? ", rate limits off" : "")}, 1 API process x {concurrency} workers, Redis {redis.ConnectionString}
              accepted in       {accepted.TotalSeconds:0.00} s ({workflows / accepted.TotalSeconds:0} accepted/s)
              all finished in   {finished.TotalSeconds:0.00} s
              throughput        {workflows / finished.TotalSeconds:0.0} workflows finished/s
              start-to-finish   p50 {EngineThroughput.Percentile(latencies, 0.50):0.0} ms, p99 {EngineThroughput.Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms
              Redis per workflow {redisWork.Calls / (double)workflows:0.0} commands, {redisWork.Microseconds / (double)workflows:0} µs CPU (INFO commandstats), {redisWork.ProcessMicroseconds / (double)workflows:0} µs process CPU (INFO cpu)
              by command        {redisWork.Top(12, workflows)}
            """));
        return 0;
    }

    /// <summary>Posts ids.Length workflows over the connections, flat out or at <paramref name="rate"/> per second of <paramref name="clock"/>.</summary>
    private static Task RunAllAsync(HttpClient client, string[] ids, int connections, int rate, Stopwatch clock)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < ids.Length)
            {
                if (rate > 0 && TimeSpan.FromSeconds(i / (double)rate) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                ids[i] = await PostAsync(client);
            }
        }));
    }

    private static async Task<string> PostAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 0 } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<List<double>> LatenciesAsync(HttpClient client, string[] ids)
    {
        var latencies = new List<double>(ids.Length);
        foreach (var chunk in ids.Chunk(64))
        {
            foreach (var workflow in await Task.WhenAll(chunk.Select(id => client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}"))))
            {
                var created = workflow.GetProperty("createdAt").GetDateTimeOffset();
                var done = workflow.GetProperty("finishedAt").GetDateTimeOffset();
                latencies.Add((done - created).TotalMilliseconds);
            }
        }

        latencies.Sort();
        return latencies;
    }
}
