namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// Every Redis key of schedules. They all carry one hash tag (<c>{s}</c>, or the prefix's own when
/// it has one), so they live in one hash slot and the multi-key claim scripts work on a cluster.
/// </summary>
public sealed class ScheduleKeys(string prefix)
{
    private readonly string _base = prefix + "{s}:";

    /// <summary>Every schedule, scored by creation time (ms).</summary>
    public string Index => _base + "index";

    /// <summary>Active schedules, scored by their next occurrence not yet claimed (ms since the epoch).</summary>
    public string Due => _base + "due";

    /// <summary>Claimed occurrences whose workflow may not have started yet: field <c>id|occurrenceMs</c> → claim JSON.</summary>
    public string Claims => _base + "claims";

    /// <summary>The claims' lease ends (ms); one past its end is taken over by any replica.</summary>
    public string Leases => _base + "leases";

    /// <summary>Schedules per owner (field: a hash of the owner id).</summary>
    public string Owners => _base + "owners";

    /// <summary>One schedule: fields <c>def</c> (JSON), <c>paused</c>, <c>fires</c>, <c>missed</c>.</summary>
    public string Schedule(string id) => _base + "doc:" + id;

    /// <summary>The schedule's last fires, newest first.</summary>
    public string Fires(string id) => _base + "fires:" + id;

    public static string ClaimField(string id, long occurrenceMs) =>
        id + "|" + occurrenceMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Owner ids come from sign-in and may hold any character: they reach key data only hashed.</summary>
    public static string OwnerField(string? owner) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner ?? "")))[..32];

    /// <summary>
    /// Whether a client's id can name a schedule: <c>sch_</c> and 16 lowercase hex digits. Anything
    /// else never reaches a key name.
    /// </summary>
    public static bool IsScheduleId(string? id) =>
        id is { Length: 20 } && id.StartsWith("sch_", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;

    public static string NewId() => "sch_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
