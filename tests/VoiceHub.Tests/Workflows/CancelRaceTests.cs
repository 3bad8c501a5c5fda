using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>A cancel that lands between a worker's claim and its first save wins.</summary>
[Collection(RedisCollection.Name)]
public sealed class CancelRaceTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Worker_cannot_reopen_a_workflow_canceled_after_it_loaded_it()
    {
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Workflows:RunWorkers"] = "false",
        });
        var client = api.CreateClient();
        var store = api.Services.GetRequiredService<WorkflowStore>();
        var id = (await client.StartAsync("self-test")).Id();

        // The worker claims it and loads it while it is still pending...
        Assert.Equal(WorkflowStatus.Pending, (await store.ClaimAsync(id, "worker-1")).Status);
        var loaded = (await store.GetAsync(id))!;
        // ...then the user cancels it (still pending, so it ends at once)...
        var cancel = await client.PostAsync($"/api/workflows/{id}/cancel", null);
        // ...and the worker's first save must not turn it back into Running.
        loaded.Status = WorkflowStatus.Running;
        var (outcome, _) = await store.SaveAsync(loaded, new WorkflowEvent(0, WorkflowEventTypes.Started, id, DateTimeOffset.UtcNow, loaded.Status), owner: "worker-1");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(SaveOutcome.StatusMismatch, outcome);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        Assert.Equal("Canceled", after.GetProperty("status").GetString());
    }
}
