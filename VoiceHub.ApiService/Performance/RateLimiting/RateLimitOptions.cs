namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>Settings of the Redis-backed rate limits (section <c>VoiceHub:RateLimiting</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "VoiceHub:RateLimiting";

    /// <summary>False turns every limit off (load tests, the API test suites).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may make per <see cref="Window"/> on any endpoint (the original hub's 100/min).</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>Length of the fixed window the limits count in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window on the costly routes (policy <c>commands</c>: commands, workflow creation).</summary>
    public int CommandsPermitLimit { get; set; } = 20;

    /// <summary>Prefix of the counters in Redis; replicas sharing it share the budgets. Defaults to the workflows' prefix + <c>ratelimit:</c>.</summary>
    public string? KeyPrefix { get; set; }

    internal bool IsValid() => PermitLimit >= 1 && CommandsPermitLimit >= 1 && Window >= TimeSpan.FromSeconds(1);
}
