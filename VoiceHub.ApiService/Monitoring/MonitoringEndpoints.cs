using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceHub.ApiService.Identity;

namespace VoiceHub.ApiService.Monitoring;

/// <summary><c>GET /api/metrics</c> and <c>GET /api/health/detailed</c>.</summary>
public static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(HubPolicies.Viewer);
        api.MapGet("/metrics", GetMetrics)
            .WithName("GetMetrics")
            .WithSummary("Counters, gauges and timers (seconds, p50/p95/p99) of this replica, in the performance guide's shape.")
            .WithTags("Monitoring");
        api.MapGet("/health/detailed", GetDetailedHealth)
            .WithName("GetDetailedHealth")
            .WithSummary("Every registered health check with its figures; 503 when any is unhealthy.")
            .WithTags("Monitoring");
        return app;
    }

    internal static Ok<MetricsSnapshot> GetMetrics(HubMetrics metrics, HttpResponse response)
    {
        NoStore(response);
        return TypedResults.Ok(metrics.Snapshot());
    }

    internal static async Task<JsonHttpResult<DetailedHealthReport>> GetDetailedHealth(
        HealthCheckService health, HttpResponse response, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        NoStore(response);
        // Degraded still serves traffic, so only unhealthy answers 503, as /health does.
        return TypedResults.Json(
            DetailedHealthReports.From(report),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    // Figures of a moment must never come from a cache.
    private static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";
}
