using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Schedules;

/// <summary>What a schedule is, as stored (field <c>def</c>); it never changes after creation.</summary>
public sealed record ScheduleDefinition(
    string Id,
    string? Name,
    string TemplateId,
    JsonObject Inputs,
    string Cron,
    string TimeZone,
    string MissedPolicy,
    string? Owner,
    DateTimeOffset CreatedAt);

/// <summary>A schedule with its state: paused, counters, last fires and the occurrence it waits for.</summary>
public sealed record StoredSchedule(
    ScheduleDefinition Definition,
    bool Paused,
    long Fires,
    long Missed,
    IReadOnlyList<ScheduleFire> LastFires,
    DateTimeOffset? Due);

/// <summary>A claimed occurrence, stored until its workflow has started (so another replica can finish it).</summary>
public sealed record ScheduleClaim(string ScheduleId, DateTimeOffset Occurrence, long Missed, DateTimeOffset ClaimedAt);

/// <summary>What creating a schedule came to in the store.</summary>
public enum ScheduleCreateResult { Created, HubFull, OwnerFull }
