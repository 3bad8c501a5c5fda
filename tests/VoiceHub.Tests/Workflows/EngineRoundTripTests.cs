using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>
/// What the engine leaves out to save Redis work, and why each saving keeps its guarantees: sibling
/// results committed together (<c>CoalesceResultsWithin</c>), a transition's events in one entry of the
/// workflow's stream, workflows created here run without being read back (<see cref="WorkflowHandoff"/>),
/// and acknowledged queue entries trimmed in bulk instead of deleted one by one.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EngineRoundTripTests(RedisServerFixture redis) : IDisposable
{
    private readonly EngineInstances _engine = new(redis, "roundtrip");

    public void Dispose() => _engine.Dispose();

    private ApiFactory Instance(string coalesce, bool workers = true) => _engine.Start(extra: new Dictionary<string, string?>
    {
        ["VoiceHub:Workflows:CoalesceResultsWithin"] = coalesce,
        ["VoiceHub:Workflows:RunWorkers"] = workers ? "true" : "false",
    });

    [Fact]
    public async Task Sibling_results_that_finish_within_the_window_share_one_transition()
    {
        await using var api = Instance("00:00:01");
        var client = api.CreateClient();
        var id = (await client.StartAsync("test-fan", new { fast = 0, slow = 300 })).Id();
        await client.WaitForStatusAsync(id, "Completed", "Failed");

        var entries = await api.Services.GetRequiredService<WorkflowStore>().ReadEventEntriesAsync(id, "0-0");
        var fast = entries.Single(e => e.Event is { Type: WorkflowEventTypes.StepSucceeded, StepId: "fast" });
        var slow = entries.Single(e => e.Event is { Type: WorkflowEventTypes.StepSucceeded, StepId: "slow" });
        var join = entries.Single(e => e.Event is { Type: WorkflowEventTypes.StepStarted, StepId: "join" });
        Assert.Equal(fast.EntryId, slow.EntryId);
        Assert.Equal(slow.EntryId, join.EntryId);
        // Numbered in order, no gaps, however they were packed.
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long)n), entries.Select(e => e.Event.Sequence));
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        Assert.Equal("Completed", events.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_result_that_starts_nothing_is_committed_without_waiting_for_a_slow_sibling()
    {
        await using var api = Instance("00:00:00.050");
        var client = api.CreateClient();
        var id = (await client.StartAsync("test-fan", new { fast = 0, slow = 60_000 })).Id();

        // The fast branch's result is saved while the slow one still runs: the window, not the sibling, bounds the wait.
        var saved = await client.WaitForStepAsync(id, "fast", "Succeeded");

        Assert.Equal("Running", saved.Step("slow").GetProperty("status").GetString());
        await client.PostAsync($"/api/workflows/{id}/cancel", null);
        await client.WaitForStatusAsync(id, "Canceled");
    }

    [Fact]
    public async Task A_workflow_created_here_runs_without_being_read_back()
    {
        await using var api = Instance("00:00:00.002");
        var client = api.CreateClient();

        // A worker woken by the create can take the entry before the API has offered its copy (it then reads
        // the workflow back): of five workflows started one after another, at least one runs from the copy.
        for (var i = 0; i < 5; i++)
        {
            var done = await client.WaitForStatusAsync((await client.StartAsync("self-test", new { delay = 0 })).Id(), "Completed", "Failed");
            Assert.Equal("Completed", done.GetProperty("status").GetString());
        }

        Assert.True(api.Services.GetRequiredService<WorkflowHandoff>().Handed >= 1);
    }

    [Fact]
    public async Task A_handed_off_copy_cannot_reopen_a_workflow_canceled_meanwhile()
    {
        // One worker slot, held by a long workflow: the next one's fresh entry waits in the queue, its copy in the handoff.
        await using var api = _engine.Start(extra: new Dictionary<string, string?> { ["VoiceHub:Workflows:MaxConcurrentWorkflows"] = "1" });
        var client = api.CreateClient();
        var store = api.Services.GetRequiredService<WorkflowStore>();
        var blocker = (await client.StartAsync("self-test", new { delay = 10_000 })).Id();
        await client.WaitForStepAsync(blocker, "left", "Running");
        var id = (await client.StartAsync("self-test")).Id();
        var queued = await api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StreamRangeAsync(store.Keys.Queue);
        var entryId = queued.Single(e => e["id"] == id).Id.ToString();

        await client.PostAsync($"/api/workflows/{id}/cancel", null);

        // Claimed from a stopped worker, an entry is read from Redis: the workflow is finished.
        Assert.Null((await store.ReadForRunAsync(new QueueEntry(entryId, id))).State);
        // Fresh, it gets the copy made at creation: pending, at sequence 1...
        var copy = await store.ReadForRunAsync(new QueueEntry(entryId, id, Fresh: true));
        Assert.Equal(WorkflowStatus.Pending, copy.Status);
        Assert.Equal(1, copy.Sequence);
        // ...whose claim fails like any read overtaken by a cancel.
        copy.State!.Status = WorkflowStatus.Running;
        var started = new WorkflowEvent(0, WorkflowEventTypes.Started, id, DateTimeOffset.UtcNow, WorkflowStatus.Running);
        var (outcome, _) = await store.CommitAsync(new WorkflowTransition(copy.State, [], true, [started]) { Owner = "worker-1", ClaimAtSequence = copy.Sequence });

        Assert.Equal(SaveOutcome.StatusMismatch, outcome);
        Assert.Equal("Canceled", (await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}")).GetProperty("status").GetString());
        await client.PostAsync($"/api/workflows/{blocker}/cancel", null);
    }

    [Fact]
    public async Task A_replica_without_workers_keeps_no_copies()
    {
        await using var api = Instance("00:00:00.002", workers: false);
        var client = api.CreateClient();

        await client.StartAsync("self-test");

        Assert.Equal(0, api.Services.GetRequiredService<WorkflowHandoff>().Held);
    }

    [Fact]
    public void The_handoff_is_bounded_by_count_and_age_and_hands_each_copy_once()
    {
        var time = new FakeTimeProvider();
        var handoff = new WorkflowHandoff(time);
        var fields = new Dictionary<string, RedisValue> { ["meta"] = "{}" };
        for (var i = 0; i < WorkflowHandoff.Capacity + 10; i++)
        {
            handoff.Offer($"1-{i}", fields);
        }

        Assert.True(handoff.TryTake("1-0", out _));
        Assert.False(handoff.TryTake("1-0", out _)); // once
        Assert.False(handoff.TryTake($"1-{WorkflowHandoff.Capacity + 5}", out _)); // full: not kept, read back instead

        handoff.Offer("2-0", fields); // room again after the take
        time.Advance(WorkflowHandoff.MaxAge + TimeSpan.FromSeconds(1));
        handoff.Offer("3-0", fields); // an offer drops what is too old
        Assert.False(handoff.TryTake("2-0", out _));
        Assert.False(handoff.TryTake("1-1", out _));
        Assert.True(handoff.TryTake("3-0", out _));
        Assert.Equal(2, handoff.Handed);
    }

    [Fact]
    public async Task Trimming_the_queue_keeps_every_entry_pending_or_not_yet_delivered()
    {
        await using var api = Instance("00:00:00.002", workers: false);
        var queue = api.Services.GetRequiredService<WorkflowQueue>();
        var db = api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = api.Services.GetRequiredService<WorkflowStore>().Keys.Queue;
        await queue.EnsureGroupAsync();
        var ids = new List<string>();
        for (var i = 1; i <= 250; i++)
        {
            ids.Add((await db.StreamAddAsync(key, "id", i))!);
        }

        Assert.Equal(0, await queue.TrimAsync()); // nothing delivered yet
        var delivered = await queue.ReadNewAsync("worker-1", 240);
        Assert.Equal(0, await queue.TrimAsync()); // delivered, none acknowledged: the oldest pending is the first
        foreach (var entry in delivered.Where(e => e.EntryId != ids[149]))
        {
            await queue.CompleteAsync(entry.EntryId);
        }

        var removed = await queue.TrimAsync();

        var left = (await db.StreamRangeAsync(key)).Select(e => e.Id.ToString()).ToList();
        Assert.InRange(removed, 100, 149); // whole nodes of acknowledged entries before the pending one
        Assert.Contains(ids[149], left);
        Assert.Equal(ids[149..], left.SkipWhile(id => id != ids[149]));
        Assert.Equal(1, (await db.StreamPendingAsync(key, WorkflowKeys.ConsumerGroup)).PendingMessageCount);
        Assert.Equal(10, (await queue.ReadNewAsync("worker-1", 100)).Count); // the ten never delivered are still there
    }
}
