using System.Text.Json.Nodes;

namespace VoiceHub.Contracts.Schedules;

/// <summary>
/// A schedule as the API returns it: what it starts, when (the next few fire times, in UTC and in
/// its own time zone's offset), and its last fires with the workflows they started.
/// </summary>
public sealed record ScheduleView(
    string Id,
    string? Name,
    string TemplateId,
    JsonObject Inputs,
    string Cron,
    string TimeZone,
    string MissedPolicy,
    bool Paused,
    string? Owner,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DateTimeOffset> NextFires,
    IReadOnlyList<ScheduleFire> LastFires,
    long Fires,
    long Missed);

/// <summary>
/// One fire: the occurrence it was for, when it happened, and the workflow it started (or why it
/// started none). <c>Missed</c> counts the occurrences this fire stood in for under <c>runOnce</c>.
/// </summary>
public sealed record ScheduleFire(DateTimeOffset Occurrence, DateTimeOffset FiredAt, string? WorkflowId, string? Error, int Missed = 0);
