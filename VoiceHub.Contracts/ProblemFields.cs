namespace VoiceHub.Contracts;

/// <summary>
/// Names of the extension members the API adds to its ProblemDetails answers (RFC 7807 allows
/// any), so clients read them by the same names the API writes.
/// </summary>
public static class ProblemFields
{
    /// <summary>Field name → messages, for 400s that name each bad field or item.</summary>
    public const string Errors = "errors";

    /// <summary>Intents close to an unmatched command (a list of <see cref="Commands.IntentSuggestion"/>).</summary>
    public const string Suggestions = "suggestions";

    /// <summary>What a template or action needs that this deployment lacks.</summary>
    public const string Missing = "missing";

    /// <summary>The body size limit in bytes, on a 413.</summary>
    public const string LimitBytes = "limitBytes";

    /// <summary>The W3C trace id of the request, to find it in the dashboard.</summary>
    public const string TraceId = "traceId";
}
