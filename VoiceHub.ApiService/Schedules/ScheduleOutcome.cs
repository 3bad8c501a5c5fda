namespace VoiceHub.ApiService.Schedules;

/// <summary>What a schedule request came to; the endpoints turn each case into HTTP, the service never does.</summary>
public abstract record ScheduleOutcome
{
    public sealed record Done(ScheduleView Schedule) : ScheduleOutcome;
    public sealed record Deleted(string Id) : ScheduleOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : ScheduleOutcome;
    public sealed record UnknownTemplate(string TemplateId) : ScheduleOutcome;
    public sealed record Unavailable(string Detail) : ScheduleOutcome;
    public sealed record Full(string Detail) : ScheduleOutcome;

    /// <summary>No schedule with that id, or one the caller may not change (answered alike, so ids cannot be probed).</summary>
    public sealed record NotFound(string Id) : ScheduleOutcome;
}
