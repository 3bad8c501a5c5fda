using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.Web.Components.Identity;

namespace VoiceHub.Web.Identity;

/// <summary>
/// The sign-in page (<see cref="LoginPage"/>, rendered on the server without a circuit) and what it
/// may say. Messages are chosen here from fixed texts; nothing a browser sent is shown back except
/// through Razor's encoding, and <c>?error=</c> only selects one of the known codes.
/// </summary>
public static class LoginPages
{
    public const string SignedOut = "signed-out";
    public const string NoRole = "no-role";
    public const string OidcFailed = "oidc";
    public const string OidcOff = "oidc-off";

    public static readonly LoginMessage LinkRefused = new(
        "This sign-in link was already used, has expired or is not the current one. A new link has been printed to the web's console " +
        "(Aspire dashboard → webfrontend → Console), or sign in with an API key.", true);

    public static readonly LoginMessage DashboardRefused = new(
        "This dashboard link is not the one of the running AppHost. Open VoiceHub again from the Aspire dashboard.", true);

    public static readonly LoginMessage KeyRefused = new("The hub did not accept this key: it is unknown, revoked or expired.", true);

    public static readonly LoginMessage KeyWithoutRole = new(
        "This key has no role a person can sign in with (viewer, operator or admin); ask an admin for a key of your own.", true);

    public static readonly LoginMessage KeyMissing = new("Paste your API key (it starts with vh_) into the key field.", true);

    public static readonly LoginMessage FormExpired = new("The form had expired or did not come from this site. Try again with the form below.", true);

    public static LoginMessage TooMany(TimeSpan wait) =>
        new($"Too many failed sign-ins from your address. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute(s).", true);

    public static LoginMessage ApiDown(string reason) => new($"Signing in is not possible right now: {reason}. Try again shortly.", true);

    public static LoginMessage? ForError(string? code) => code switch
    {
        SignedOut => new("You have signed out.", false),
        NoRole => new("Your account has no VoiceHub role. Ask an admin to assign you viewer, operator or admin " +
            "(in Entra ID: the app registration's app roles), then sign in again.", true),
        OidcFailed => new("Signing in with your organisation's account did not complete. Try again, or sign in with an API key.", true),
        OidcOff => new("Signing in with an organisation account is not configured on this hub.", true),
        _ => null,
    };

    public static IResult Render(HttpContext http, string returnUrl, LoginMessage? message, int status)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WebAuthOptions>>().Value;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<LoginPage>(new Dictionary<string, object?>
        {
            [nameof(LoginPage.ReturnUrl)] = returnUrl,
            [nameof(LoginPage.Message)] = message,
            [nameof(LoginPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(LoginPage.AntiforgeryToken)] = tokens.RequestToken,
            [nameof(LoginPage.LinkEnabled)] = options.SignInLink.Enabled,
            [nameof(LoginPage.OidcName)] = options.Oidc.Enabled ? options.Oidc.DisplayName : null,
        })
        { StatusCode = status };
    }
}

/// <summary>One message on the sign-in page; <see cref="IsError"/> styles it as an alert.</summary>
public sealed record LoginMessage(string Text, bool IsError);
