using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.Secrets;
using VoiceHub.ApiService.Webhooks;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.Benchmarks.Engine;

/// <summary>
/// Engine throughput through a real Redis: N trivial five-step workflows (template self-test
/// with no waiting) created as fast as possible, run by R in-process replicas with C workers each.
/// Prints workflows/s and start-to-finish p50/p99 (created → finished, as stored).
///
/// dotnet run -c Release --project bench/VoiceHub.Benchmarks -- engine --workflows 500 --replicas 2 --concurrency 8 [--redis host:port] [--webhooks off|idle|subscribed]
/// Without --redis it starts a throwaway redis-server on a free port. <c>--webhooks idle</c> adds outbound
/// webhooks with no subscription; <c>subscribed</c> adds one subscription to every workflow event
/// (deliveries are enqueued, not sent), to show what notifying costs the engine.
/// </summary>
public static class EngineThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workflows = IntArg(args, "--workflows", 500);
        var replicas = IntArg(args, "--replicas", 2);
        var concurrency = IntArg(args, "--concurrency", 8);
        var webhooks = StringArg(args, "--webhooks") ?? "off";
        await using var redis = await BenchRedis.StartAsync(StringArg(args, "--redis"));
        var prefix = $"bench-{Guid.NewGuid():N}:";

        var hosts = new List<IHost>();
        for (var i = 0; i < replicas; i++)
        {
            hosts.Add(await StartReplicaAsync(redis.ConnectionString, prefix, concurrency, webhooks != "off"));
        }

        if (webhooks == "subscribed")
        {
            await SubscribeAsync(hosts[0].Services);
        }

        var service = hosts[0].Services.GetRequiredService<WorkflowService>();
        var store = hosts[0].Services.GetRequiredService<WorkflowStore>();
        var db = hosts[0].Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var inputs = new System.Text.Json.Nodes.JsonObject { ["delay"] = 0 };

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServers()[0];
        var statsBefore = await RedisCommandStats.ReadAsync(server);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>(workflows);
        for (var i = 0; i < workflows; i++)
        {
            var outcome = (StartOutcome.Started)await service.StartAsync(new StartWorkflow("self-test", inputs.DeepClone().AsObject()));
            ids.Add(outcome.Workflow.Id);
        }

        var created = clock.Elapsed;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (await db.SortedSetLengthAsync(store.Keys.StatusIndex(WorkflowStatus.Completed)) < workflows)
        {
            await Task.Delay(20, timeout.Token);
        }

        var finished = clock.Elapsed;
        var redisWork = (await RedisCommandStats.ReadAsync(server)).Minus(statsBefore);
        var latencies = new List<double>();
        foreach (var id in ids)
        {
            var state = await store.GetAsync(id);
            latencies.Add((state!.FinishedAt!.Value - state.CreatedAt).TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Engine throughput: {workflows} workflows x 5 steps, {replicas} replica(s) x {concurrency} workers, webhooks {webhooks}, Redis {redis.ConnectionString}
              created in        {created.TotalSeconds:0.00} s ({workflows / created.TotalSeconds:0} creations/s)
              all finished in   {finished.TotalSeconds:0.00} s
              throughput        {workflows / finished.TotalSeconds:0.0} workflows/s
              start-to-finish   p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms
              Redis per workflow {redisWork.Calls / (double)workflows:0.0} commands, {redisWork.Microseconds / (double)workflows:0} µs CPU (INFO commandstats, polling included), {redisWork.ProcessMicroseconds / (double)workflows:0} µs process CPU (INFO cpu)
              by command        {redisWork.Top(12, workflows)}
            """));

        foreach (var host in hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        return 0;
    }

    /// <summary>One subscription to every workflow event of self-test; deliveries stay queued (no dispatcher runs).</summary>
    private static async Task SubscribeAsync(IServiceProvider services)
    {
        var id = WebhookIds.NewSubscription();
        var protectedSecret = services.GetRequiredService<SigningSecrets>().Protect(WebhookDispatcher.Feature, id, SigningSecrets.Create());
        await services.GetRequiredService<WebhookStore>().SaveAsync(new WebhookRecord(id, "https://example.com/bench",
            [HubEventTypes.WorkflowStarted, HubEventTypes.StepFailed, HubEventTypes.WorkflowCompleted, HubEventTypes.WorkflowFailed],
            "self-test", "engine bench", "bench", DateTimeOffset.UtcNow, protectedSecret));
    }

    private static async Task<IHost> StartReplicaAsync(string redis, string prefix, int concurrency, bool webhooks)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:cache"] = redis;
        builder.Configuration["VoiceHub:Redis:KeyPrefix"] = prefix;
        builder.Configuration["VoiceHub:Workflows:MaxConcurrentWorkflows"] = concurrency.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["VoiceHub:Workflows:PollInterval"] = "00:00:00.250";
        builder.AddHubRedisClient("cache");
        builder.Services.AddValidatedOptions<RedisKeyOptions>();
        builder.AddMonitoring();
        builder.Services.AddHubCaching();
        // The engine outside any request: the hub acts for itself, as its workers do.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<VoiceHub.ApiService.Identity.CurrentCaller>();
        builder.AddWorkflows();
        if (webhooks)
        {
            builder.Configuration["VoiceHub:Webhooks:RunDispatcher"] = "false";
            builder.AddWebhooks();
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal static double Percentile(List<double> sorted, double q) =>
        sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];

    internal static int IntArg(string[] args, string name, int fallback) =>
        StringArg(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    internal static string? StringArg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
