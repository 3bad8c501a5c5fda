using OpenTelemetry.Trace;
using StackExchange.Redis;
using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.WarmUp;

namespace VoiceHub.ApiService.Platform;

/// <summary>What every capability of the API stands on: Redis, ProblemDetails, OpenAPI.</summary>
public static class PlatformExtensions
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        // One multiplexer for the process, with its health check and tracing (Aspire integration).
        // Redis calls are traced only within a trace (a request, a workflow run). The rest are the
        // workers' polling every second, which would bury real requests in the dashboard. Aspire's
        // built-in Redis tracing has no public filter, so the OpenTelemetry instrumentation does it.
        // Socket completions run on .NET's thread pool, not StackExchange.Redis's dedicated pool of ten
        // threads: under the load test that pool's one queue lock was nearly every lock contention in the
        // process (1,000-2,400 a second on two cores), and each reply took an extra thread hop.
        builder.AddRedisClient("cache", settings => settings.DisableTracing = true,
            options => options.SocketManager = SocketManager.ThreadPool);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddRedisInstrumentation(options =>
            options.Filter = context => context.ParentActivity is not null));
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
