namespace VoiceHub.AppHost.Redis;

/// <summary>How the AppHost provides the <c>cache</c> resource (setting <c>VoiceHub:Redis:Mode</c>).</summary>
public enum RedisMode
{
    /// <summary>Container when a runtime is healthy (or when publishing), else local redis-server.</summary>
    Auto,

    /// <summary>Always the standard Aspire Redis container.</summary>
    Container,

    /// <summary>Always redis-server from PATH, run as an executable resource.</summary>
    Local,
}
