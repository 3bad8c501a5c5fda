using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Performance.Compression;
using VoiceHub.ApiService.Performance.Limits;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Performance.Resilience;

namespace VoiceHub.ApiService.Performance;

/// <summary>The API under load: compression, limits and timeouts, rate limits, caches, breaker visibility.</summary>
public static class PerformanceExtensions
{
    public static IHostApplicationBuilder AddPerformance(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHubCompression();
        services.AddRequestLimits();
        services.AddHubRateLimiting();
        services.AddHubCaching();

        services.AddSingleton<CircuitBreakerRegistry>();
        services.AddSingleton<IConfigureOptions<HttpStandardResilienceOptions>, CircuitBreakerReporting>();
        services.AddHealthChecks().AddCheck<CircuitBreakerHealthCheck>(CircuitBreakerHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// Compression, rate limits, timeouts, ETags and the output cache, in that order; call after
    /// UsePlatform. Only the exception handler's and status pages' answers are outside compression,
    /// and those are small ProblemDetails, under the 1 KiB where compressing starts to pay.
    /// </summary>
    public static WebApplication UsePerformance(this WebApplication app)
    {
        app.UseHubCompression();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseMiddleware<ContentETagMiddleware>();
        app.UseOutputCache();
        return app;
    }
}
