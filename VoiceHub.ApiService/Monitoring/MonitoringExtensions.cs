using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Monitoring;

/// <summary>Registers the hub's metrics, request recording and health checks.</summary>
public static class MonitoringExtensions
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HealthOptions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddSingleton<RecentRequests>();

        // Checks other capabilities register the same way appear in /health and /api/health/detailed alike.
        builder.Services.AddHealthChecks()
            .AddCheck<ErrorRateHealthCheck>(ErrorRateHealthCheck.Name)
            .AddCheck<RequestVolumeHealthCheck>(RequestVolumeHealthCheck.Name)
            .AddCheck<RedisLatencyHealthCheck>(RedisLatencyHealthCheck.Name, timeout: RedisLatencyHealthCheck.Timeout);
        return builder;
    }

    public static WebApplication MapMonitoringApi(this WebApplication app)
    {
        app.MapMonitoringEndpoints();
        return app;
    }

    /// <summary>Records every request; call it first, so it sees the status the exception handler writes.</summary>
    public static WebApplication UseMonitoring(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        return app;
    }
}
