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
        // Stays 500 when an exception escapes every handler: that is what the client gets.
        var statusCode = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        catch when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: not the server's failure, so it must not raise the error rate.
            statusCode = StatusCodes.Status499ClientClosedRequest;
            throw;
        }
        finally
        {
            metrics.RequestCompleted(context.Request.Method, statusCode, time.GetElapsedTime(started));
            recent.Record(statusCode);
        }
    }
}
