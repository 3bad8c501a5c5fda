using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VoiceHub.Web.Identity;

/// <summary>
/// Signing in and out: <c>GET /login</c> (the page; with <c>?t=</c> the one-time link, with
/// <c>?dashboard=</c> the Aspire dashboard's link), <c>POST /login/key</c> (an API key), <c>GET
/// /login/oidc</c> (OpenID Connect), <c>POST /logout</c>. Every attempt is reported to the API's audit
/// trail; failures count against the client's address (<see cref="SignInThrottle"/>); forms carry an
/// antiforgery token; the browser only ever returns to a local path.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", LoginAsync).AllowAnonymous().WithName("Login");
        app.MapPost("/login/key", SignInWithKeyAsync).AllowAnonymous().DisableAntiforgery().WithName("SignInWithKey");
        app.MapGet("/login/oidc", SignInWithOidc).AllowAnonymous().WithName("SignInWithOidc");
        // Signing out needs no role: a session whose role went away must still be able to end.
        app.MapPost("/logout", SignOutAsync).AllowAnonymous().DisableAntiforgery().WithName("Logout");
        return app;
    }

    internal static async Task<IResult> LoginAsync(
        HttpContext http, string? t, string? dashboard, string? returnUrl, string? error, SignInLinks links, IOptions<WebAuthOptions> options,
        SignInThrottle throttle, IdentityApiClient api)
    {
        var target = ReturnUrls.Local(returnUrl);
        if (t is not null || dashboard is not null)
        {
            var method = t is not null ? SignInMethods.Link : SignInMethods.Dashboard;
            if (Throttled(http, throttle) is { } wait)
            {
                return LoginPages.Render(http, target, LoginPages.TooMany(wait), StatusCodes.Status429TooManyRequests);
            }

            var valid = t is not null ? links.TryConsume(t) : DashboardKeyMatches(dashboard!, options.Value.DashboardKey);
            if (!valid)
            {
                await FailAsync(http, method, throttle, api);
                links.EnsureOutstanding();
                return LoginPages.Render(http, target, method == SignInMethods.Link ? LoginPages.LinkRefused : LoginPages.DashboardRefused,
                    StatusCodes.Status401Unauthorized);
            }

            return await CompleteAsync(http, method, new CallerView(WebClaims.BootstrapAdminId, HubRoles.Admin, null, null, null), target, api);
        }

        if (http.User.HubRole() is not null)
        {
            return TypedResults.LocalRedirect(target);
        }

        links.EnsureOutstanding();
        return LoginPages.Render(http, target, LoginPages.ForError(error), StatusCodes.Status200OK);
    }

    internal static async Task<IResult> SignInWithKeyAsync(
        HttpContext http, IAntiforgery antiforgery, SignInThrottle throttle, IdentityApiClient api, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return LoginPages.Render(http, "/", LoginPages.FormExpired, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var target = ReturnUrls.Local(form["returnUrl"]);
        if (Throttled(http, throttle) is { } wait)
        {
            return LoginPages.Render(http, target, LoginPages.TooMany(wait), StatusCodes.Status429TooManyRequests);
        }

        var key = form["key"].ToString().Trim();
        if (key.Length is 0 or > 4096)
        {
            return LoginPages.Render(http, target, LoginPages.KeyMissing, StatusCodes.Status400BadRequest);
        }

        var checkedKey = await api.CheckKeyAsync(key, cancellationToken);
        if (checkedKey.Value is { } caller && HubRoles.IsUserRole(caller.Role))
        {
            return await CompleteAsync(http, SignInMethods.Key, caller, target, api);
        }

        if (checkedKey.Problem?.Status is >= 500)
        {
            return LoginPages.Render(http, target, LoginPages.ApiDown(checkedKey.Problem.Message), StatusCodes.Status503ServiceUnavailable);
        }

        await FailAsync(http, SignInMethods.Key, throttle, api);
        return LoginPages.Render(http, target, checkedKey.Problem?.Status == 403 ? LoginPages.KeyWithoutRole : LoginPages.KeyRefused,
            StatusCodes.Status401Unauthorized);
    }

    internal static IResult SignInWithOidc(string? returnUrl, IOptions<WebAuthOptions> options) =>
        options.Value.Oidc.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Local(returnUrl) }, [WebIdentityExtensions.OidcScheme])
            : TypedResults.LocalRedirect("/login?error=" + LoginPages.OidcOff);

    internal static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, WebSessions sessions)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            // A cross-site form cannot sign anyone out; a stale page says so and offers a fresh form.
            return LoginPages.Render(http, "/", LoginPages.FormExpired, StatusCodes.Status400BadRequest);
        }

        // Ending the session ends it in every tab and on every replica, not only in this browser's cookie.
        await sessions.EndAsync(http.User);
        await http.SignOutAsync(WebIdentityExtensions.CookieScheme);
        return TypedResults.LocalRedirect("/login?error=" + LoginPages.SignedOut);
    }

    /// <summary>Records the sign-in, then sets the session cookie; a sign-in the audit trail did not take does not happen.</summary>
    private static async Task<IResult> CompleteAsync(HttpContext http, string method, CallerView caller, string target, IdentityApiClient api)
    {
        var client = http.Connection.RemoteIpAddress?.ToString();
        if (!await api.ReportAsync(new SignInReport(method, true, caller.Id, caller.Role, client), http.RequestAborted))
        {
            return LoginPages.Render(http, target, LoginPages.ApiDown("the sign-in could not be recorded in the audit trail"), StatusCodes.Status503ServiceUnavailable);
        }

        // The header shows the principal id: the owner recorded on what this person creates (a key's name says what the key is for, not who).
        var sessions = http.RequestServices.GetRequiredService<WebSessions>();
        await http.SignInAsync(WebIdentityExtensions.CookieScheme, await sessions.StartAsync(WebClaims.Create(caller.Id, caller.Role, caller.Id, method)));
        return TypedResults.LocalRedirect(target);
    }

    private static async Task FailAsync(HttpContext http, string method, SignInThrottle throttle, IdentityApiClient api)
    {
        throttle.RecordFailure(http.Connection.RemoteIpAddress);
        await api.ReportAsync(new SignInReport(method, false, Client: http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
    }

    private static TimeSpan? Throttled(HttpContext http, SignInThrottle throttle) => throttle.RetryAfter(http.Connection.RemoteIpAddress);

    // Hashing first gives equal lengths, so the comparison takes the same time however much matches.
    private static bool DashboardKeyMatches(string presented, string? configured) =>
        configured is { Length: >= WebAuthOptions.MinimumSecretLength } &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
