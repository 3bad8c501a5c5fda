namespace VoiceHub.ApiService.Performance.Caching;

/// <summary>Names of the output-cache policies (<c>CacheOutput(name)</c>) and the tags they evict by.</summary>
public static class OutputCachePolicies
{
    /// <summary>Template lists and views: the same for every caller until the API restarts with other templates.</summary>
    public const string Templates = "templates";

    /// <summary>The intents the hub understands (grammar files loaded at start-up).</summary>
    public const string Intents = "intents";

    /// <summary>The OpenAPI document.</summary>
    public const string OpenApi = "openapi";
}
