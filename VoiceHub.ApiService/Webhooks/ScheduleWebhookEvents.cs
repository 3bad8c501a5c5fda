using System.Globalization;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Schedules;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Turns a recorded schedule fire into the outbound <c>schedule.fired</c> event: schedule, owner,
/// template, occurrence, and the workflow it started (or why it did not). Keyed by schedule and
/// occurrence, so a fire told twice (a replica taking over a claim) is delivered once.
/// </summary>
public sealed class ScheduleWebhookEvents(IHubEvents events) : IScheduleFireObserver
{
    public Task OnFiredAsync(ScheduleFired fired, CancellationToken cancellationToken)
    {
        var data = new JsonObject
        {
            ["scheduleId"] = fired.ScheduleId,
            ["owner"] = fired.Owner,
            ["templateId"] = fired.TemplateId,
            ["occurrence"] = fired.Fire.Occurrence,
            ["firedAt"] = fired.Fire.FiredAt,
            ["workflowId"] = fired.Fire.WorkflowId,
            ["error"] = fired.Fire.Error,
            ["missed"] = fired.Fire.Missed,
        };
        var occurrence = fired.Fire.Occurrence.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return events.RaiseAsync(HubEventTypes.ScheduleFired, data, fired.TemplateId, $"schedule:{fired.ScheduleId}:{occurrence}");
    }
}
