using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Raises an event of the hub for outbound webhooks. Other features call it (schedules:
/// <c>RaiseAsync(HubEventTypes.ScheduleFired, data, templateId, "schedule:{id}:{occurrence}")</c>).
/// </summary>
public interface IHubEvents
{
    /// <summary>
    /// Enqueues the event for every enabled subscription that wants it, and returns how many. Free when
    /// none does. <paramref name="eventKey"/>, when given, makes raising the same event again (e.g. after a
    /// replica took over) enqueue nothing new.
    /// </summary>
    Task<int> RaiseAsync(string type, JsonObject data, string? templateId = null, string? eventKey = null);

    /// <summary>Whether any enabled subscription wants <paramref name="type"/> (of <paramref name="templateId"/>); from this replica's cached view.</summary>
    ValueTask<bool> IsWantedAsync(string type, string? templateId = null) => ValueTask.FromResult(true);
}

/// <summary>The payload every delivery carries: <c>{ "type", "timestamp", "data" }</c> (the Standard Webhooks shape).</summary>
public sealed record HubEventPayload(string Type, DateTimeOffset Timestamp, JsonObject Data);

/// <summary>Enqueues events on the durable delivery queue (<see cref="DeliveryQueue"/>) for the subscriptions that want them.</summary>
public sealed class HubEvents(SubscriptionCache subscriptions, DeliveryQueue queue, WebhookDispatcherSignal signal, HubMetrics metrics, TimeProvider time) : IHubEvents
{
    public async ValueTask<bool> IsWantedAsync(string type, string? templateId = null) => (await subscriptions.WantingAsync(type, templateId)).Count > 0;

    public async Task<int> RaiseAsync(string type, JsonObject data, string? templateId = null, string? eventKey = null)
    {
        var wanting = await subscriptions.WantingAsync(type, templateId);
        if (wanting.Count == 0)
        {
            return 0;
        }

        var body = JsonSerializer.Serialize(new HubEventPayload(type, time.GetUtcNow(), data), HubJson.Options);
        var enqueued = 0;
        foreach (var subscription in wanting)
        {
            if (await queue.EnqueueAsync(subscription.Id, type, body, eventKey))
            {
                enqueued++;
            }
        }

        if (enqueued > 0)
        {
            metrics.Increment("webhooks.enqueued", enqueued);
            signal.Wake();
        }

        return enqueued;
    }
}

/// <summary>Wakes this replica's dispatcher when something was enqueued here, so a delivery does not wait for the next poll.</summary>
public sealed class WebhookDispatcherSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
