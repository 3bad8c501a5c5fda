using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Identity.Audit;

/// <summary><c>GET /api/audit</c> and <c>GET /api/errors/statistics</c>: admins only.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Identity").RequireAuthorization(HubPolicies.Admin);
        group.MapGet("/audit", ListAudit).WithName("ListAudit")
            .WithSummary("The audit trail, newest first: every change and every authentication failure; filter by principal, action, from, to.");
        group.MapGet("/errors/statistics", GetErrorStatistics).WithName("GetErrorStatistics")
            .WithSummary("4xx and 5xx answers of this replica over the health window, by route and status.");
        return app;
    }

    internal static async Task<Results<Ok<PagedResult<AuditEntry>>, ValidationProblem>> ListAudit(
        [FromQuery] string? page, [FromQuery] string? limit, [FromQuery] string? principal, [FromQuery] string? action,
        [FromQuery] string? from, [FromQuery] string? to, AuditTrail trail)
    {
        PageRequest.TryParse(page, limit, out var request, out var errors);
        var fromTime = ParseTime(from, "from", errors);
        var toTime = ParseTime(to, "to", errors);
        if (errors.Count > 0)
        {
            return PageRequest.Problem(errors);
        }

        return TypedResults.Ok(await trail.ListAsync(request, new AuditFilter(principal, action, fromTime, toTime)));
    }

    internal static Ok<ErrorStatistics> GetErrorStatistics(RecentErrors errors) => TypedResults.Ok(errors.Snapshot());

    private static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"{name} must be an ISO 8601 time like 2026-01-31T12:00:00Z; got '{value}'."];
        return null;
    }
}
