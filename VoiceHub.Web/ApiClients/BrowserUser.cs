namespace VoiceHub.Web.ApiClients;

/// <summary>
/// Who the person in this browser is, as far as the API's rate limits care: an opaque id kept
/// in a cookie (<see cref="CookieName"/>). Scoped: one per request during prerendering, one per
/// circuit afterwards (the id reaches the circuit as a parameter of the root component).
/// </summary>
public sealed class BrowserUser
{
    public const string CookieName = "voicehub-user";

    /// <summary>Until the page sets it, calls count as the frontend's own.</summary>
    public string Id { get; set; } = "webfrontend";

    /// <summary>Ids are ours (a GUID in "N" form); anything else in the cookie is replaced.</summary>
    public static bool IsValid(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public static string NewId() => Guid.NewGuid().ToString("N");
}
