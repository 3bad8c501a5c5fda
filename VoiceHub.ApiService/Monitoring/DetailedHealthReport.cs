using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// Answer of <c>GET /api/health/detailed</c>, in the performance guide's shape: overall status and,
/// per registered check, its status followed by its <c>Data</c> entries as fields.
/// </summary>
public sealed record DetailedHealthReport(string Status, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Checks)
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
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
