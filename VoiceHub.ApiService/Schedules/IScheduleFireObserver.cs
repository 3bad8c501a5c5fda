namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Told after a schedule fired and its fire is recorded, by the replica that recorded it (once per
/// occurrence, whichever replica; a replica that dies right after recording may leave one
/// notification untold). This is where the <c>schedule.fired</c> webhook event attaches.
/// Observers must not throw; failures are logged and do not undo the fire.
/// </summary>
public interface IScheduleFireObserver
{
    Task OnFiredAsync(ScheduleFired fired, CancellationToken cancellationToken);
}

/// <summary>A recorded fire: the schedule, its owner and template, and the fire (workflow id or error).</summary>
public sealed record ScheduleFired(string ScheduleId, string? Owner, string TemplateId, ScheduleFire Fire);
