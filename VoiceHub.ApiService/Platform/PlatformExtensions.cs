using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.WarmUp;

namespace VoiceHub.ApiService.Platform;

/// <summary>What every capability of the API stands on: Redis, ProblemDetails, OpenAPI.</summary>
public static class PlatformExtensions
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        // One multiplexer for the process: thread-pool sockets, Redis traced only within a trace (ServiceDefaults).
        builder.AddHubRedisClient("cache");
        builder.Services.AddValidatedOptions<RedisKeyOptions>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        // Kestrel's BadHttpRequestException (body too large, bad framing) keeps its own status, not 500.
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi(options => options.AddSecuritySchemes());
        builder.Services.AddWarmUp();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        // Unhandled exceptions and bare status codes (404, 405, 415...) become RFC 7807 ProblemDetails.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The service's root (<c>GET /</c>) and its OpenAPI document.</summary>
    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.MapRootEndpoints();
        // The API's shape is public; what it holds is not.
        app.MapOpenApi().CacheOutput(OutputCachePolicies.OpenApi).WithContentETag().AllowAnonymous();
        return app;
    }
}
