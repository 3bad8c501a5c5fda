using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Webhooks;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;
using VoiceHub.TestSupport.Webhooks;

namespace VoiceHub.Tests.Webhooks;

/// <summary>
/// A replica that stops after committing a workflow's finish but before its webhook was enqueued: the
/// queue entry stays pending, the replica that claims it finds the workflow finished and tells the
/// webhooks, so a subscriber still gets <c>workflow.completed</c>, once. The same for a step's failure:
/// the workflow's failure raises it again, so <c>step.failed</c> arrives once whichever replica fails it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WebhookFinishRetoldTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly EngineInstances _engine = new(redis, "retold");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(_ => Results.Ok());

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _engine.Dispose();
    }

    private ApiFactory Instance(IWorkflowObserver? first = null) => _engine.Start(extra: new Dictionary<string, string?>
    {
        ["VoiceHub:Webhooks:AllowedHosts:0"] = $"127.0.0.1:{_receiver.Port}",
        ["VoiceHub:Webhooks:PollInterval"] = "00:00:00.050",
        ["VoiceHub:Webhooks:SubscriptionRefresh"] = "00:00:00.100",
    }, services: first is null ? null : s => s.Insert(0, ServiceDescriptor.Singleton(first)));

    [Fact]
    public async Task A_finish_committed_by_a_replica_that_stopped_before_telling_is_delivered_once()
    {
        var stopsBeforeTelling = new StopsAt(WorkflowEventTypes.Completed);
        var a = Instance(stopsBeforeTelling);
        var clientA = a.CreateClient();
        using var subscribed = await clientA.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url, events = new[] { HubEventTypes.WorkflowCompleted } });
        var subscription = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhook").GetProperty("id").GetString();
        var events = a.Services.GetRequiredService<IHubEvents>();
        await Eventually.UntilAsync(async _ => await events.IsWantedAsync(HubEventTypes.WorkflowCompleted, "self-test"), "replica A sees the subscription");

        var id = (await clientA.StartAsync("self-test", new { delay = 0 })).Id();
        await stopsBeforeTelling.Reached.Task.WaitAsync(Patience.Background);
        Assert.Equal("Completed", (await clientA.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}")).GetProperty("status").GetString());
        await a.DisposeAsync(); // stops while it is telling: nothing enqueued, the entry not acknowledged

        await using var b = Instance();
        var clientB = b.CreateClient();
        var delivered = await Eventually.UntilAsync(
            _ => Task.FromResult(_receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList()),
            received => received.Any(p => p.GetProperty("data").GetProperty("workflowId").GetString() == id),
            "workflow.completed delivered after another replica took over");

        var completed = Assert.Single(delivered, p => p.GetProperty("data").GetProperty("workflowId").GetString() == id);
        Assert.Equal(HubEventTypes.WorkflowCompleted, completed.GetProperty("type").GetString());
        var deliveries = await clientB.GetFromJsonAsync<JsonElement>($"/api/webhooks/{subscription}/deliveries");
        Assert.Single(deliveries.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_step_failure_committed_by_a_replica_that_stopped_before_telling_is_delivered_once()
    {
        var stopsBeforeTelling = new StopsAt(WorkflowEventTypes.StepFailed);
        var a = Instance(stopsBeforeTelling);
        var clientA = a.CreateClient();
        var subscription = await SubscribeAsync(a, clientA, HubEventTypes.StepFailed, "test-fatal");

        var id = (await clientA.StartAsync("test-fatal")).Id();
        await stopsBeforeTelling.Reached.Task.WaitAsync(Patience.Background);
        await a.DisposeAsync(); // stops while it is telling: step.failed committed, nothing enqueued

        await using var b = Instance();
        var clientB = b.CreateClient();
        var failed = await Eventually.UntilAsync(
            _ => Task.FromResult(Received(id)), received => received.Count > 0, "step.failed delivered after another replica took over");

        Assert.Equal(HubEventTypes.StepFailed, Assert.Single(failed).GetProperty("type").GetString());
        Assert.Equal("fatal", failed[0].GetProperty("data").GetProperty("step").GetProperty("id").GetString());
        Assert.Equal("Failed", (await clientB.WaitForStatusAsync(id, "Failed", "Completed")).GetProperty("status").GetString());
        var deliveries = await clientB.GetFromJsonAsync<JsonElement>($"/api/webhooks/{subscription}/deliveries");
        Assert.Single(deliveries.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_step_failure_raised_again_by_the_workflows_failure_is_delivered_once()
    {
        await using var api = Instance();
        var client = api.CreateClient();
        var subscription = await SubscribeAsync(api, client, HubEventTypes.StepFailed, "test-fatal", HubEventTypes.WorkflowFailed);

        var id = (await client.StartAsync("test-fatal")).Id();

        // workflow.failed is raised after the failure raised step.failed again: once it is here, both raises happened.
        var received = await Eventually.UntilAsync(
            _ => Task.FromResult(Received(id)), r => r.Any(p => p.GetProperty("type").GetString() == HubEventTypes.WorkflowFailed), "workflow.failed delivered");
        Assert.Single(received, p => p.GetProperty("type").GetString() == HubEventTypes.StepFailed);
        var deliveries = await client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{subscription}/deliveries");
        Assert.Equal(2, deliveries.GetProperty("items").GetArrayLength());
    }

    private async Task<string> SubscribeAsync(ApiFactory api, HttpClient client, string type, string templateId, params string[] more)
    {
        using var subscribed = await client.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url, events = more.Prepend(type).ToArray() });
        var subscription = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhook").GetProperty("id").GetString()!;
        var events = api.Services.GetRequiredService<IHubEvents>();
        await Eventually.UntilAsync(async _ => await events.IsWantedAsync(type, templateId), "the replica sees the subscription");
        return subscription;
    }

    private List<JsonElement> Received(string workflowId) => [.. _receiver.Received
        .Select(r => JsonDocument.Parse(r.Body).RootElement)
        .Where(p => p.GetProperty("data").GetProperty("workflowId").GetString() == workflowId)];

    /// <summary>Stands for a replica that dies between committing an event and telling the webhooks: the first observer, it never returns.</summary>
    private sealed class StopsAt(string type) : IWorkflowObserver
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnFinishedAsync(WorkflowState workflow, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task OnEventAsync(WorkflowState workflow, WorkflowEvent @event, CancellationToken cancellationToken)
        {
            if (@event.Type == type)
            {
                Reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
