using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Performance.Limits;

/// <summary>Request size and time limits (section <c>VoiceHub:Limits</c>).</summary>
public sealed class RequestLimitOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Limits";

    /// <summary>Largest request body Kestrel accepts; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Time every request gets unless its endpoint names a longer policy; then 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a batch request gets (policy <c>batch</c>).</summary>
    public TimeSpan BatchRequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Problems()
    {
        if (MaxRequestBodyBytes < 1024) yield return "MaxRequestBodyBytes must be 1024 or more.";
        if (RequestTimeout <= TimeSpan.Zero || BatchRequestTimeout <= TimeSpan.Zero) yield return "RequestTimeout and BatchRequestTimeout must be positive.";
    }
}
