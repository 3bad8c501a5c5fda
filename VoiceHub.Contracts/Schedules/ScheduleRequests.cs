using System.Text.Json.Nodes;

namespace VoiceHub.Contracts.Schedules;

/// <summary>
/// Body of <c>POST /api/schedules</c>: a template with its inputs, a cron expression (five fields,
/// or six with seconds first), an IANA time zone (default UTC) and what to do about occurrences
/// missed while no replica ran (<see cref="MissedPolicy"/>; default <c>skip</c>).
/// </summary>
public sealed record CreateScheduleRequest(string? TemplateId, JsonObject? Inputs, string? Cron, string? TimeZone, string? MissedPolicy, string? Name = null);

/// <summary>What a schedule does with occurrences that passed while no replica could fire them.</summary>
public static class MissedPolicy
{
    /// <summary>Forget them; fire again at the next occurrence.</summary>
    public const string Skip = "skip";

    /// <summary>Fire once for all of them (the latest), then carry on.</summary>
    public const string RunOnce = "runOnce";

    public static readonly IReadOnlyList<string> All = [Skip, RunOnce];

    /// <summary>The policy spelled as the API spells it, or null when <paramref name="value"/> is none of them.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(p => string.Equals(p, value, StringComparison.OrdinalIgnoreCase));
}
