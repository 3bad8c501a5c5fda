using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>Settings of the Redis-backed rate limits (section <c>VoiceHub:RateLimiting</c>).</summary>
public sealed class RateLimitOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:RateLimiting";

    /// <summary>False turns every limit off (load tests, the API test suites).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may make per <see cref="Window"/> on any endpoint (the original hub's 100/min).</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>Length of the fixed window the limits count in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window on the costly routes (policy <c>commands</c>: commands, workflow creation).</summary>
    public int CommandsPermitLimit { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (PermitLimit < 1 || CommandsPermitLimit < 1) yield return "PermitLimit and CommandsPermitLimit must be 1 or more.";
        if (Window < TimeSpan.FromSeconds(1)) yield return "Window must be at least 1 s.";
    }
}
