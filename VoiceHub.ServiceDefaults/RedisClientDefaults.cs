using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one Redis client set-up of every VoiceHub service (the API and the web).</summary>
public static class RedisClientDefaults
{
    /// <summary>
    /// Registers the process's one <see cref="IConnectionMultiplexer"/> for the connection string
    /// <paramref name="connectionName"/>, with Aspire's health check, and:
    /// <list type="bullet">
    /// <item>socket completions on .NET's thread pool (<see cref="SocketManager.ThreadPool"/>), not
    /// StackExchange.Redis's dedicated pool of ten threads: under the load test that pool's one queue
    /// lock was nearly every lock contention in the API (1,000-2,400 a second on two cores), and each
    /// reply took an extra thread hop (docs/PERFORMANCE.md, "Where the tail comes from");</item>
    /// <item>Redis calls traced only within a trace (a request, a workflow run). The rest are background
    /// polling (the API's workers every second, the web's session check of every open page), which would
    /// bury real requests in the dashboard. Aspire's own Redis tracing has no filter, so it is off and
    /// the OpenTelemetry instrumentation, with a filter, does it.</item>
    /// </list>
    /// </summary>
    public static IHostApplicationBuilder AddHubRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName, settings => settings.DisableTracing = true,
            options => options.SocketManager = SocketManager.ThreadPool);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddRedisInstrumentation(options =>
            options.Filter = context => context.ParentActivity is not null));
        return builder;
    }
}
