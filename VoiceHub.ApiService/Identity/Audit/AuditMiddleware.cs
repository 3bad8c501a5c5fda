using System.Diagnostics;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Identity.Audit;

/// <summary>
/// Writes every mutating request (POST, PUT, PATCH, DELETE) and every authentication failure (401)
/// to the <see cref="AuditTrail"/>, and counts 4xx/5xx answers in <see cref="RecentErrors"/>. It
/// wraps authentication and authorization, so it sees the principal and their refusals. A Redis
/// outage loses audit lines (logged), never the request.
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, AuditTrail trail, RecentErrors errors, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : "(no route)";
            errors.Record(route, status);
            // An endpoint that wrote its own line (a sign-in report) is not written twice; its refusals are.
            var selfAudited = status < 300 && context.GetEndpoint()?.Metadata.GetMetadata<AuditedByEndpoint>() is not null;
            if ((IsMutation(context.Request.Method) && !selfAudited) || status == StatusCodes.Status401Unauthorized)
            {
                await AppendAsync(context, route, status);
            }
        }
    }

    private static bool IsMutation(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private async Task AppendAsync(HttpContext context, string route, int status)
    {
        var values = context.Request.RouteValues;
        var target = (values.TryGetValue("id", out var id) ? id : values.TryGetValue("name", out var name) ? name : null)?.ToString();
        var entry = new AuditEntry(
            "",
            time.GetUtcNow(),
            context.User.HubId(),
            context.User.HubRole(),
            context.Request.Method + " " + route,
            target,
            status,
            context.Connection.RemoteIpAddress?.ToString(),
            Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
        try
        {
            await trail.AppendAsync(entry);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogLost(ex, entry.Action, status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit line lost: Redis did not take it ({Action}, {Status}).")]
    private partial void LogLost(Exception ex, string action, int status);
}

/// <summary>Marks an endpoint that writes its own audit line (sign-in reports), so the middleware adds none.</summary>
public sealed class AuditedByEndpoint
{
    public static readonly AuditedByEndpoint Instance = new();
}
