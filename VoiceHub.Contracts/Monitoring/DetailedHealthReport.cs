namespace VoiceHub.Contracts.Monitoring;

/// <summary>
/// Answer of <c>GET /api/health/detailed</c>, in the performance guide's shape: overall status
/// (<see cref="HealthStatusNames"/>) and, per check, its status followed by its data as fields.
/// </summary>
public sealed record DetailedHealthReport(string Status, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Checks);

/// <summary>The status words of health answers.</summary>
public static class HealthStatusNames
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}
