using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using VoiceHub.ApiService.Webhooks;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;
using VoiceHub.TestSupport.Webhooks;

namespace VoiceHub.Tests.Webhooks;

/// <summary>
/// Outbound webhooks against real receivers on loopback (listed in AllowedHosts): signed deliveries of
/// workflow events, retries with every attempt recorded, disabling after failures in a row, redelivery.
/// Backoff is milliseconds here so the tests are quick; nothing asserts timing.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WebhookDeliveryTests(RedisServerFixture redis) : ApiTest(redis)
{
    private int _failuresBeforeSuccess;
    private WebhookReceiver _receiver = null!;

    protected override async Task StartingAsync() =>
        _receiver = await WebhookReceiver.StartAsync(n => n <= Volatile.Read(ref _failuresBeforeSuccess) ? Results.StatusCode(500) : Results.Ok());

    protected override async Task StoppedAsync() => await _receiver.DisposeAsync();

    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Webhooks:AllowedHosts:0"] = $"127.0.0.1:{_receiver.Port}",
        ["VoiceHub:Webhooks:InitialBackoff"] = "00:00:00.050",
        ["VoiceHub:Webhooks:MaxBackoff"] = "00:00:00.200",
        ["VoiceHub:Webhooks:PollInterval"] = "00:00:00.050",
        ["VoiceHub:Webhooks:DisableAfterFailures"] = "5",
        ["VoiceHub:Webhooks:SubscriptionRefresh"] = "00:00:00.100",
        ["VoiceHub:Schedules:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task A_schedule_fire_is_delivered_as_schedule_fired_with_the_workflow_it_started()
    {
        var (id, secret) = await SubscribeAsync(HubEventTypes.ScheduleFired, "self-test");

        using var created = await Client.PostAsJsonAsync("/api/schedules",
            new { templateId = "self-test", inputs = new { delay = 1 }, cron = "* * * * * *", timeZone = "UTC" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var scheduleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);
        (await Client.DeleteAsync($"/api/schedules/{scheduleId}")).EnsureSuccessStatusCode();

        var (headers, body) = _receiver.Received[0];
        new StandardWebhook(secret).Verify(body, headers);
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal("schedule.fired", payload.GetProperty("type").GetString());
        var data = payload.GetProperty("data");
        Assert.Equal(scheduleId, data.GetProperty("scheduleId").GetString());
        var workflowId = data.GetProperty("workflowId").GetString();
        var workflow = await Client.GetFromJsonAsync<JsonElement>($"/api/workflows/{workflowId}");
        Assert.Equal(scheduleId, workflow.GetProperty("scheduleId").GetString());
    }

    [Fact]
    public async Task A_flaky_receiver_gets_the_event_after_three_failures_with_every_attempt_recorded()
    {
        Volatile.Write(ref _failuresBeforeSuccess, 3);
        var (id, secret) = await SubscribeAsync(HubEventTypes.WorkflowCompleted, "self-test");

        var workflow = await Client.StartAsync("self-test", new { delay = 1 });
        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);

        var attempts = delivery.GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a.GetProperty("responseCode").GetInt32()));
        Assert.All(attempts.Take(3), a => Assert.Contains("500", a.GetProperty("error").GetString()));
        Assert.All(attempts, a => Assert.True(a.GetProperty("durationMs").GetDouble() >= 0));
        Assert.Equal(4, _receiver.Received.Count);
        // The same message id on every attempt, so the receiver can drop duplicates; each signed.
        Assert.Single(_receiver.Received.Select(r => r.Headers["webhook-id"].ToString()).Distinct());
        var (headers, body) = _receiver.Received[^1];
        new StandardWebhook(secret).Verify(body, headers);
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal("workflow.completed", payload.GetProperty("type").GetString());
        Assert.Equal(workflow.Id(), payload.GetProperty("data").GetProperty("workflowId").GetString());
        var subscription = await Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}");
        Assert.Equal(0, subscription.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task A_dead_receiver_disables_the_subscription_after_N_failures_with_the_reason()
    {
        Volatile.Write(ref _failuresBeforeSuccess, int.MaxValue);
        var (id, _) = await SubscribeAsync(HubEventTypes.WorkflowCompleted, null);

        await Client.StartAsync("self-test", new { delay = 1 });
        var subscription = await Eventually.UntilAsync(ct => Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}", ct),
            s => !s.GetProperty("enabled").GetBoolean(), "the subscription to be disabled");

        Assert.Contains("5 failed attempts in a row", subscription.GetProperty("disabledReason").GetString());
        Assert.Contains("500", subscription.GetProperty("disabledReason").GetString());
        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Failed);
        Assert.Contains("disabled", delivery.GetProperty("lastError").GetString());
        Assert.Equal(5, _receiver.Received.Count);
        var health = await Client.GetFromJsonAsync<JsonElement>("/api/health/detailed");
        Assert.Equal(1, health.GetProperty("checks").GetProperty("webhooks").GetProperty("disabled_subscriptions").GetInt32());

        using var enable = await Client.PostAsync($"/api/webhooks/{id}/enable", null);
        Assert.True((await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_delivered_event_can_be_sent_again_on_request()
    {
        var (id, _) = await SubscribeAsync(HubEventTypes.WorkflowStarted, null);
        await Client.StartAsync("self-test", new { delay = 1 });
        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);

        using var redeliver = await Client.PostAsync($"/api/webhooks/{id}/deliveries/{delivery.GetProperty("id").GetString()}/redeliver", null);

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var again = await WaitForDeliveryAsync(id, d => d.GetProperty("attempts").GetInt32() == 2 && d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);
        Assert.Equal(2, again.GetProperty("attemptLog").GetArrayLength());
        Assert.Equal(2, _receiver.Received.Count);
        Assert.Equal(_receiver.Received[0].Headers["webhook-id"].ToString(), _receiver.Received[1].Headers["webhook-id"].ToString());
    }

    [Fact]
    public async Task Only_the_events_and_template_a_subscription_asks_for_are_sent()
    {
        var (id, _) = await SubscribeAsync(HubEventTypes.WorkflowFailed, "code-review");

        var workflow = await Client.StartAsync("self-test", new { delay = 1 });
        await Client.WaitFinishedAsync(workflow.Id());
        var raised = await Api.Services.GetRequiredService<IHubEvents>().RaiseAsync(HubEventTypes.WorkflowFailed, new() { ["workflowId"] = "x" }, "self-test");

        Assert.Equal(0, raised);
        var deliveries = await Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}/deliveries");
        Assert.Equal(0, deliveries.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Other_features_raise_events_through_IHubEvents_once_per_event_key()
    {
        var (id, _) = await SubscribeAsync(HubEventTypes.ScheduleFired, null);
        var events = Api.Services.GetRequiredService<IHubEvents>();

        var first = await events.RaiseAsync(HubEventTypes.ScheduleFired, new() { ["scheduleId"] = "s1" }, "self-test", "schedule:s1:2026-11-30T09:00Z");
        var again = await events.RaiseAsync(HubEventTypes.ScheduleFired, new() { ["scheduleId"] = "s1" }, "self-test", "schedule:s1:2026-11-30T09:00Z");

        Assert.Equal((1, 0), (first, again));
        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == WebhookDeliveryStatus.Succeeded);
        Assert.Equal("schedule.fired", delivery.GetProperty("eventType").GetString());
        var metrics = await Client.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.True(metrics.GetProperty("counters").GetProperty("webhooks.sent").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("timers").TryGetProperty("webhook_delivery_duration", out _));
    }

    [Theory]
    [InlineData("{\"url\": \"ftp://example.com/x\", \"events\": [\"workflow.started\"]}", "url")]
    [InlineData("{\"url\": \"https://user:pw@example.com/x\", \"events\": [\"workflow.started\"]}", "url")]
    [InlineData("{\"url\": \"https://example.com/x\", \"events\": []}", "events")]
    [InlineData("{\"url\": \"https://example.com/x\", \"events\": [\"workflow.exploded\"]}", "events")]
    [InlineData("{\"url\": \"https://example.com/x\", \"events\": [\"workflow.started\"], \"templateId\": \"nope\"}", "templateId")]
    public async Task Bad_subscriptions_are_refused_naming_the_field(string body, string field)
    {
        using var response = await Client.PostAsync("/api/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, ProblemAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Another_operator_cannot_delete_redeliver_or_enable_your_subscription()
    {
        using var olga = await Identity.Callers.WithRoleAsync(Api, "operator", "olga");
        using var otto = await Identity.Callers.WithRoleAsync(Api, "operator", "otto");
        var (id, _) = await SubscribeAsync(HubEventTypes.WorkflowStarted, null, olga);

        using var delete = await otto.DeleteAsync($"/api/webhooks/{id}");
        using var enable = await otto.PostAsync($"/api/webhooks/{id}/enable", null);
        using var own = await olga.DeleteAsync($"/api/webhooks/{id}");

        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(enable, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }

    private async Task<(string Id, string Secret)> SubscribeAsync(string eventType, string? templateId, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url, events = new[] { eventType }, templateId });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Subscribing answered {(int)response.StatusCode}: {body}");
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        return (body.GetProperty("webhook").GetProperty("id").GetString()!, secret);
    }

    private Task<JsonElement> WaitForDeliveryAsync(string subscriptionId, Func<JsonElement, bool> done) =>
        Eventually.UntilAsync(async ct =>
            {
                var page = await Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{subscriptionId}/deliveries", ct);
                return page.GetProperty("items").EnumerateArray().FirstOrDefault();
            },
            d => d.ValueKind == JsonValueKind.Object && done(d), $"a delivery of subscription {subscriptionId}");
}
