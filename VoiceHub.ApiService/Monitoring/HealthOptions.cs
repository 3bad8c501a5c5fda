using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>Thresholds of the detailed health checks, bound from <c>VoiceHub:Health</c>.</summary>
public sealed class HealthOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Health";

    /// <summary>Share of 5xx responses above which <c>error_rate</c> is degraded (0–1).</summary>
    public double ErrorRateThreshold { get; set; } = 0.1;

    /// <summary>How far back <c>error_rate</c> and <c>request_volume</c> look.</summary>
    public TimeSpan ErrorRateWindow { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Problems()
    {
        if (ErrorRateThreshold is < 0 or > 1) yield return "ErrorRateThreshold must be within 0..1.";
        if (ErrorRateWindow < TimeSpan.FromSeconds(1) || ErrorRateWindow > TimeSpan.FromDays(1)) yield return "ErrorRateWindow must be within 1 s..1 day.";
    }
}
