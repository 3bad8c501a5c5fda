namespace VoiceHub.ApiService.Performance.Limits;

/// <summary>
/// Names of request-timeout policies for <c>WithRequestTimeout(name)</c>. Endpoints without one get
/// the default (<c>VoiceHub:Limits:RequestTimeout</c>); streams opt out with <c>DisableRequestTimeout()</c>.
/// </summary>
public static class RequestTimeoutPolicies
{
    /// <summary>Batch routes: <c>VoiceHub:Limits:BatchRequestTimeout</c>.</summary>
    public const string Batch = "batch";
}
