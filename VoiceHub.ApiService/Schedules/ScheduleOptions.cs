using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Schedules;

/// <summary>How schedules fire, bound from <c>VoiceHub:Schedules</c>.</summary>
public sealed class ScheduleOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Schedules";

    /// <summary>False makes a replica that serves the API but fires nothing.</summary>
    public bool RunFirer { get; set; } = true;

    /// <summary>How often each replica looks for due occurrences (and for claims a dead replica left).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed occurrence may take to start its workflow before another replica takes it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An occurrence later than this when a replica first sees it was missed (no replica ran): it
    /// follows the schedule's missed policy instead of firing.
    /// </summary>
    public TimeSpan MissedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fire times shown ahead in each answer.</summary>
    public int NextFiresShown { get; set; } = 5;

    /// <summary>Fires remembered per schedule (with their workflow ids).</summary>
    public int LastFiresKept { get; set; } = 10;

    /// <summary>Schedules the hub keeps in all.</summary>
    public int MaxSchedules { get; set; } = 1000;

    /// <summary>Schedules one owner may have.</summary>
    public int MaxSchedulesPerOwner { get; set; } = 50;

    /// <summary>The IANA time zone of schedules made by voice ("every weekday at nine" means nine here).</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    public IEnumerable<string> Problems()
    {
        if (CronSchedule.TryCreate("0 9 * * *", DefaultTimeZone, []) is null) yield return $"DefaultTimeZone must be an IANA time zone id such as UTC or Europe/Berlin; got '{DefaultTimeZone}'.";
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1)) yield return $"PollInterval must be 00:00:00.010..00:01:00; got {PollInterval}.";
        if (ClaimLease < TimeSpan.FromSeconds(1) || ClaimLease > TimeSpan.FromHours(1)) yield return $"ClaimLease must be 00:00:01..01:00:00; got {ClaimLease}.";
        if (MissedAfter < TimeSpan.FromSeconds(1) || MissedAfter > TimeSpan.FromDays(1)) yield return $"MissedAfter must be 00:00:01..1.00:00:00; got {MissedAfter}.";
        if (NextFiresShown is < 1 or > 50) yield return $"NextFiresShown must be 1..50; got {NextFiresShown}.";
        if (LastFiresKept is < 1 or > 1000) yield return $"LastFiresKept must be 1..1000; got {LastFiresKept}.";
        if (MaxSchedules is < 1 or > 1_000_000) yield return $"MaxSchedules must be 1..1000000; got {MaxSchedules}.";
        if (MaxSchedulesPerOwner < 1 || MaxSchedulesPerOwner > MaxSchedules) yield return $"MaxSchedulesPerOwner must be 1..MaxSchedules; got {MaxSchedulesPerOwner}.";
    }
}
