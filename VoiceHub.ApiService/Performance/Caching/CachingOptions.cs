using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Performance.Caching;

/// <summary>HybridCache and output-cache settings (section <c>VoiceHub:Caching</c>).</summary>
public sealed class CachingOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Caching";

    /// <summary>How long an entry lives in Redis (L2).</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an entry lives in each process (L1). Short, because removing by tag reaches other
    /// replicas' L1 only when their copy expires.
    /// </summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long read-mostly GETs (templates, the OpenAPI document) stay in the Redis output cache.</summary>
    public TimeSpan OutputCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What clients may keep those responses for (<c>Cache-Control: max-age</c>); they revalidate with the ETag after.</summary>
    public TimeSpan ClientMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Problems()
    {
        if (Expiration <= TimeSpan.Zero || LocalExpiration <= TimeSpan.Zero || OutputCacheDuration <= TimeSpan.Zero || ClientMaxAge < TimeSpan.Zero)
            yield return "Expiration, LocalExpiration and OutputCacheDuration must be positive, ClientMaxAge 0 or more.";
    }
}
