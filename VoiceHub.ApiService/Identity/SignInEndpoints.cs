using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;
using VoiceHub.ApiService.Identity.Audit;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// <c>GET /api/me</c>: who the API takes the caller for (the web checks a key typed into its sign-in
/// form with it). <c>POST /api/sign-ins</c>: the web frontend's own key reports every attempt to sign
/// in to the web, successful or not, and the API appends it to the audit trail.
/// </summary>
public static partial class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Identity");
        group.MapGet("/me", GetMe).RequireAuthorization(HubPolicies.Viewer).WithName("GetCurrentCaller")
            .WithSummary("The caller as the API sees it: principal id, role, the key's name and id when a stored key was used.");
        group.MapPost("/sign-ins", ReportSignIn).RequireAuthorization(HubPolicies.Frontend).WithJsonBody<SignInReport>()
            .WithMetadata(AuditedByEndpoint.Instance).WithName("ReportSignIn")
            // Every person's sign-in is reported with the one frontend key: its request budget would make one busy
            // minute refuse everyone's sign-ins. The web limits failed attempts per browser address itself.
            .DisableRateLimiting()
            .WithSummary("Records one attempt to sign in to the web in the audit trail (the web frontend's own key only).");
        return app;
    }

    internal static async Task<Ok<CallerView>> GetMe(ClaimsPrincipal user, ApiKeyStore store)
    {
        var keyId = user.FindFirstValue(HubClaims.KeyId);
        var name = keyId is null ? null : (await store.GetAsync(keyId))?.Name;
        return TypedResults.Ok(new CallerView(user.HubId()!, user.HubRole()!, name, keyId, user.FindFirstValue(HubClaims.Via)));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReportSignIn(
        HttpRequest http, AuditTrail trail, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (report, problem) = await JsonRequestBody.ReadAsync<SignInReport>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = Validate(report);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid sign-in report", detail: string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var entry = new AuditEntry("", time.GetUtcNow(), report!.Succeeded ? report.Principal : null, report.Succeeded ? report.Role : null,
            "SIGN-IN " + report.Method, report.Succeeded ? null : report.Principal, report.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized,
            report.Client, Activity.Current?.TraceId.ToHexString() ?? http.HttpContext.TraceIdentifier);
        try
        {
            await trail.AppendAsync(entry);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogLost(loggers.CreateLogger(typeof(SignInEndpoints)), ex, entry.Action);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Audit trail unavailable",
                detail: "Redis did not take the audit line; try the sign-in again when Redis is back.");
        }

        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(SignInReport? report)
    {
        var errors = new Dictionary<string, string[]>();
        if (report is null)
        {
            errors["body"] = ["Send {\"method\": \"link|dashboard|key|oidc\", \"succeeded\": true|false, \"principal\", \"role\", \"client\"}."];
            return errors;
        }

        if (!SignInMethods.All.Contains(report.Method))
        {
            errors["method"] = [$"method must be one of {string.Join(", ", SignInMethods.All)}; got '{report.Method}'."];
        }

        if (report.Principal is { } principal && !OnBehalfOf.IsValidId(principal))
        {
            errors["principal"] = [$"principal must be 1-{OnBehalfOf.MaxIdLength} letters, digits or - _ . @ :."];
        }

        if (report.Succeeded && (report.Principal is null || !HubRoles.IsUserRole(report.Role)))
        {
            errors["role"] = [$"A successful sign-in names its principal and a role of {string.Join(", ", HubRoles.UserRoles)}."];
        }

        if (report.Client is { } client && !IPAddress.TryParse(client, out _))
        {
            errors["client"] = [$"client must be an IP address; got '{client}'."];
        }

        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit line lost: Redis did not take it ({Action}).")]
    private static partial void LogLost(ILogger logger, Exception ex, string action);
}
