using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Workflows;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}

/// <summary>
/// The engine suite's core cases, threads, rate limits and caches on a three-master Redis Cluster
/// (every script must touch one slot, every client call must reach the slot's master).
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster) : IDisposable
{
    private readonly EngineInstances _engine = new(cluster.Server, "cluster");

    private ApiFactory Instance(IAgent? probe = null, Dictionary<string, string?>? extra = null) => _engine.Start(probe, extra);

    public void Dispose() => _engine.Dispose();

    [ClusterFact]
    public async Task Cluster_has_three_masters_and_the_hub_writes_to_more_than_one()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var done = await client.WaitForStatusAsync((await client.StartAsync("self-test", new { delay = 0 })).Id(), "Completed", "Failed");
        (await client.PostAsJsonAsync("/api/threads", new { title = "spread" })).EnsureSuccessStatusCode();

        var masters = cluster.Connection.GetServers().Where(s => !s.IsReplica).ToList();
        var used = 0;
        foreach (var master in masters)
        {
            await foreach (var _ in master.KeysAsync(pattern: _engine.Prefix + "*", pageSize: 10))
            {
                used++;
                break;
            }
        }

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(3, masters.Count);
        Assert.True(used >= 2, $"the hub's keys landed on {used} of 3 masters");
    }

    [ClusterFact]
    public async Task Self_test_runs_to_completion_and_streams_its_events()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var id = (await client.StartAsync("self-test", new { delay = 10 })).Id();

        var events = await ReadEventsAsync(client, id);
        var done = await client.GetWorkflowAsync(id);

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal("workflow.created", events[0]);
        Assert.Equal("workflow.completed", events[^1]);
        Assert.All(done.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));
    }

    [ClusterFact]
    public async Task Retryable_failures_are_retried_until_success()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("test-flaky")).Id(), "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(3, done.Step("flaky").GetProperty("attempts").GetInt32());
    }

    [ClusterFact]
    public async Task Cancel_stops_a_running_workflow_and_retry_runs_it_again()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var id = (await client.StartAsync("test-long")).Id();
        await client.WaitForStepAsync(id, "wait", "Running");

        var cancel = await client.PostAsync($"/api/workflows/{id}/cancel", null);
        await client.WaitForStatusAsync(id, "Canceled");
        var retry = await client.PostAsync($"/api/workflows/{id}/retry", null);
        await client.WaitForStepAsync(id, "wait", "Running");
        var running = await client.GetWorkflowAsync(id);
        await client.PostAsync($"/api/workflows/{id}/cancel", null);
        await client.WaitForStatusAsync(id, "Canceled");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(1, running.GetProperty("runs").GetInt32());
        Assert.Equal("Succeeded", running.Step("first").GetProperty("status").GetString());
    }

    [ClusterFact]
    public async Task Workflow_of_a_killed_worker_is_resumed_without_repeating_committed_steps()
    {
        var probe = new ProbeAgent { HoldStepTwo = new TaskCompletionSource() };
        var a = Instance(probe);
        var id = (await a.CreateClient().StartAsync("test-probe", new { tag = "resume" })).Id();
        await probe.StepTwoEntered.Task.WaitAsync(Patience.Background);

        await a.DisposeAsync();
        probe.HoldStepTwo = null;
        await using var b = Instance(probe);
        var done = await b.CreateClient().WaitForStatusAsync(id, "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(1, probe.Runs["resume/one"]);
        Assert.Equal(1, probe.Runs["resume/three"]);
        Assert.Equal(2, done.Step("two").GetProperty("attempts").GetInt32());
    }

    [ClusterFact]
    public async Task Same_idempotency_key_returns_the_same_workflow()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var first = await client.StartAsync("self-test", new { delay = 0 }, idempotencyKey: "cluster-once");
        var second = await client.StartAsync("self-test", new { delay = 0 }, idempotencyKey: "cluster-once");

        Assert.Equal(first.Id(), second.Id());
        await client.WaitForStatusAsync(first.Id(), "Completed");
    }

    [ClusterFact]
    public async Task Threads_keep_messages_and_list_and_delete()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var thread = await (await client.PostAsJsonAsync("/api/threads", new { title = "on a cluster" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = thread.GetProperty("id").GetString();
        var appended = await client.PostAsJsonAsync($"/api/threads/{id}/messages", new { role = "user", text = "hello" });
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/threads/{id}/messages");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/threads");
        var deleted = await client.DeleteAsync($"/api/threads/{id}");

        Assert.True(appended.IsSuccessStatusCode, await appended.Content.ReadAsStringAsync());
        Assert.Equal("hello", messages.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [ClusterFact]
    public async Task Api_keys_are_created_used_and_revoked()
    {
        await using var api = Instance();
        var admin = api.CreateClient();

        var created = await admin.PostAsJsonAsync("/api/keys", new { name = "cluster", role = "viewer" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var holder = api.CreateClient();
        holder.DefaultRequestHeaders.Authorization = new("Bearer", key.GetProperty("secret").GetString());
        var before = await holder.GetAsync("/api/templates");
        var revoked = await admin.DeleteAsync($"/api/keys/{key.GetProperty("key").GetProperty("id").GetString()}");
        var after = await holder.GetAsync("/api/templates");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [ClusterFact]
    public async Task Rate_limit_answers_429_after_the_budget()
    {
        await using var api = Instance(extra: new()
        {
            ["VoiceHub:RateLimiting:Enabled"] = "true",
            ["VoiceHub:RateLimiting:PermitLimit"] = "3",
        });
        var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [ClusterFact]
    public async Task Finished_workflows_and_output_cached_reads_are_served_from_the_cache()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var id = (await client.StartAsync("self-test", new { delay = 0 })).Id();
        await client.WaitForStatusAsync(id, "Completed");

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        var templates = await client.GetAsync("/api/templates");
        var templatesAgain = await client.GetAsync("/api/templates");

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        Assert.Equal(HttpStatusCode.OK, templatesAgain.StatusCode);
        Assert.NotEmpty(await cluster.Server.KeysAsync($"{_engine.Prefix}cache:"));
    }

    private static async Task<List<string>> ReadEventsAsync(HttpClient client, string id)
    {
        using var cts = new CancellationTokenSource(Patience.Background);
        using var response = await client.GetAsync($"/api/workflows/{id}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var types = new List<string>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                types.Add(line[7..]);
            }
        }

        return types;
    }
}
