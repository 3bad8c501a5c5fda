namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>Names of the rate-limit policies endpoints can ask for with <c>RequireRateLimiting(name)</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>The stricter budget (<c>CommandsPermitLimit</c>) for commands and workflow creation, on top of the global one.</summary>
    public const string Commands = "commands";
}
