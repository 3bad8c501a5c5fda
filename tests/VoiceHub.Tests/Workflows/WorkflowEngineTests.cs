using System.Text.Json;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>The engine against a real Redis: retries, timeouts, resumption, several instances on one queue.</summary>
[Collection(RedisCollection.Name)]
public sealed class WorkflowEngineTests(RedisServerFixture redis) : IDisposable
{
    private readonly EngineInstances _engine = new(redis, "test");

    private ApiFactory Instance(IAgent? probe = null, int concurrency = 4) =>
        _engine.Start(probe, new Dictionary<string, string?> { ["VoiceHub:Workflows:MaxConcurrentWorkflows"] = concurrency.ToString() });

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Retryable_failures_are_retried_until_success()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("test-flaky")).Id(), "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(3, done.Step("flaky").GetProperty("attempts").GetInt32());
        Assert.Equal(3, done.Step("after").GetProperty("output").GetProperty("attempt").GetInt32());
        Assert.Equal(2, done.Step("flaky").GetProperty("logs").EnumerateArray().Count(l => l.GetString()!.Contains("failed")));
    }

    [Fact]
    public async Task Exhausted_retries_fail_the_workflow_and_skip_later_steps()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("test-broken")).Id(), "Completed", "Failed");

        Assert.Equal("Failed", done.GetProperty("status").GetString());
        Assert.Equal(3, done.Step("broken").GetProperty("attempts").GetInt32());
        Assert.Equal("Skipped", done.Step("never").GetProperty("status").GetString());
        Assert.Contains("broken", done.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Non_retryable_error_fails_at_once()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("test-fatal")).Id(), "Completed", "Failed");

        Assert.Equal("Failed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.Step("fatal").GetProperty("attempts").GetInt32());
        Assert.Equal("bad input", done.Step("fatal").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Step_timeout_counts_as_a_retryable_failure()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        var done = await client.WaitForStatusAsync((await client.StartAsync("test-slow")).Id(), "Completed", "Failed");

        Assert.Equal("Failed", done.GetProperty("status").GetString());
        Assert.Equal(2, done.Step("slow").GetProperty("attempts").GetInt32());
        Assert.Contains("Timed out after 0.1 s", done.Step("slow").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Retry_reruns_only_the_steps_that_did_not_succeed()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var id = (await client.StartAsync("test-long")).Id();
        await client.WaitForStepAsync(id, "wait", "Running");
        await client.PostAsync($"/api/workflows/{id}/cancel", null);
        await client.WaitForStatusAsync(id, "Canceled");

        // The template's wait is long; retrying reruns it, so cancel again and check the bookkeeping.
        var retry = await client.PostAsync($"/api/workflows/{id}/retry", null);
        await client.WaitForStepAsync(id, "wait", "Running");
        var running = await client.GetWorkflowAsync(id);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(1, running.GetProperty("runs").GetInt32());
        Assert.Equal(1, running.Step("first").GetProperty("attempts").GetInt32());
        Assert.Equal("Succeeded", running.Step("first").GetProperty("status").GetString());
        await client.PostAsync($"/api/workflows/{id}/cancel", null);
        await client.WaitForStatusAsync(id, "Canceled");
    }

    [Fact]
    public async Task Events_stream_as_server_sent_events_to_completion_and_replay_after_last_event_id()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var id = (await client.StartAsync("self-test", new { delay = 10 })).Id();

        var events = await ReadEventsAsync(client, id, lastEventId: null);
        var replay = await ReadEventsAsync(client, id, lastEventId: "2");

        Assert.Equal("workflow.created", events[0].Type);
        Assert.Equal("workflow.completed", events[^1].Type);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => i.ToString()), events.Select(e => e.Id));
        Assert.Contains(events, e => e.Type == "step.succeeded" && e.Data.GetProperty("stepId").GetString() == "join");
        Assert.Equal("3", replay[0].Id);
        Assert.Equal(events.Count - 2, replay.Count);
    }

    [Fact]
    public async Task Event_stream_answers_with_headers_before_any_event_happens()
    {
        await using var api = Instance();
        var client = api.CreateClient();

        // Nothing runs, so no event comes; the headers must come anyway, at once.
        using var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Two_instances_sharing_one_queue_run_every_workflow_exactly_once()
    {
        var probe = new ProbeAgent();
        var seenBy = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using var a = Instance(new AttributingAgent(probe, "a", seenBy), concurrency: 2);
        await using var b = Instance(new AttributingAgent(probe, "b", seenBy), concurrency: 2);
        var clientA = a.CreateClient();
        var clientB = b.CreateClient();

        var ids = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var client = i % 2 == 0 ? clientA : clientB;
            ids.Add((await client.StartAsync("test-probe", new { tag = $"w{i}" })).Id());
        }

        foreach (var id in ids)
        {
            await clientA.WaitForStatusAsync(id, "Completed", "Failed");
        }

        for (var i = 0; i < 16; i++)
        {
            foreach (var step in new[] { "one", "two", "three" })
            {
                Assert.Equal(1, probe.Runs.GetValueOrDefault($"w{i}/{step}"));
            }
        }

        Assert.Equal(1, probe.MaxConcurrentPerWorkflow);
        Assert.True(seenBy.GetValueOrDefault("a") > 0 && seenBy.GetValueOrDefault("b") > 0, $"work was not shared: {string.Join(",", seenBy)}");
    }

    [Fact]
    public async Task Workflow_of_a_killed_worker_is_resumed_by_another_without_repeating_committed_steps()
    {
        var probe = new ProbeAgent { HoldStepTwo = new TaskCompletionSource() };
        var a = Instance(probe);
        var clientA = a.CreateClient();
        var id = (await clientA.StartAsync("test-probe", new { tag = "resume" })).Id();
        await probe.StepTwoEntered.Task.WaitAsync(Patience.Background);

        await a.DisposeAsync(); // the worker stops mid-step: no final save, no acknowledgement
        probe.HoldStepTwo = null;
        await using var b = Instance(probe);
        var clientB = b.CreateClient();
        var done = await clientB.WaitForStatusAsync(id, "Completed", "Failed");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(1, probe.Runs["resume/one"]);
        Assert.Equal(1, probe.Runs["resume/two"]);
        Assert.Equal(1, probe.Runs["resume/three"]);
        Assert.Equal(1, done.Step("one").GetProperty("attempts").GetInt32());
        Assert.Equal(2, done.Step("two").GetProperty("attempts").GetInt32());
    }

    private static async Task<List<(string Id, string Type, JsonElement Data)>> ReadEventsAsync(HttpClient client, string id, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflows/{id}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var cts = new CancellationTokenSource(Patience.Background);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<(string, string, JsonElement)>();
        string? eventId = null, type = null, data = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) eventId = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && data is not null)
            {
                // A blank line ends an event, whatever order its fields came in.
                events.Add((eventId!, type!, JsonDocument.Parse(data).RootElement.Clone()));
                eventId = type = data = null;
            }
        }

        return events;
    }

    /// <summary>Records which instance ran a step, then delegates to the shared probe.</summary>
    private sealed class AttributingAgent(ProbeAgent probe, string instance, System.Collections.Concurrent.ConcurrentDictionary<string, int> seenBy) : IAgent
    {
        public string Name => probe.Name;
        public string Description => probe.Description;
        public IReadOnlyList<AgentAction> Actions => probe.Actions;

        public Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
        {
            seenBy.AddOrUpdate(instance, 1, (_, n) => n + 1);
            return probe.ExecuteAsync(invocation, cancellationToken);
        }
    }
}
