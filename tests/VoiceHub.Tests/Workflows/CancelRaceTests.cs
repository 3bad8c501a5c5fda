using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>A cancel that lands between a worker's read and its first commit (its claim) wins.</summary>
[Collection(RedisCollection.Name)]
public sealed class CancelRaceTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Worker_cannot_reopen_a_workflow_canceled_after_it_read_it()
    {
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Workflows:RunWorkers"] = "false",
        });
        var client = api.CreateClient();
        var store = api.Services.GetRequiredService<WorkflowStore>();
        var id = (await client.StartAsync("self-test")).Id();

        // The worker reads it while it is still pending...
        var read = await store.ReadForRunAsync(id);
        Assert.Equal(WorkflowStatus.Pending, read.Status);
        var loaded = read.State!;
        // ...then the user cancels it (still pending, so it ends at once)...
        var cancel = await client.PostAsync($"/api/workflows/{id}/cancel", null);
        // ...and the worker's first commit (its claim) must not turn it back into Running.
        loaded.Status = WorkflowStatus.Running;
        var started = new WorkflowEvent(0, WorkflowEventTypes.Started, id, DateTimeOffset.UtcNow, loaded.Status);
        var (outcome, _) = await store.CommitAsync(new WorkflowTransition(loaded, [], true, [started])
        {
            Owner = "worker-1",
            ClaimAtSequence = read.Sequence,
        });

        Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(SaveOutcome.StatusMismatch, outcome);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        Assert.Equal("Canceled", after.GetProperty("status").GetString());
    }
}
