namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// Records every API request (health probes aside) into <see cref="HubMetrics"/> and
/// <see cref="RecentRequests"/>. It runs outside the exception handler, so a failed request is
/// seen with the 500 the handler wrote.
/// </summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, HubMetrics metrics, RecentRequests recent, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Extensions.IsHealthProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        var statusCode = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        finally
        {
            // An exception that escapes every handler still reaches the client as a 500.
            metrics.RequestCompleted(context.Request.Method, statusCode, time.GetElapsedTime(started));
            recent.Record(statusCode);
        }
    }
}
