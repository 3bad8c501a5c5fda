using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>Turns ASP.NET Core's <see cref="HealthReport"/> into the guide's <see cref="DetailedHealthReport"/>.</summary>
public static class DetailedHealthReports
{
    public static DetailedHealthReport From(HealthReport report) => new(
        Text(report.Status),
        report.Entries.ToDictionary(entry => entry.Key, entry => Fields(entry.Value)));

    private static IReadOnlyDictionary<string, object> Fields(HealthReportEntry entry)
    {
        var fields = new Dictionary<string, object> { ["status"] = Text(entry.Status) };
        foreach (var (key, value) in entry.Data)
        {
            fields[key] = value;
        }

        // Why a check is not healthy is what an operator needs next; healthy checks stay terse.
        if (entry.Status != HealthStatus.Healthy && (entry.Description ?? entry.Exception?.Message) is { } reason)
        {
            fields.TryAdd("description", reason);
        }

        return fields;
    }

    private static string Text(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => HealthStatusNames.Healthy,
        HealthStatus.Degraded => HealthStatusNames.Degraded,
        _ => HealthStatusNames.Unhealthy,
    };
}
