using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>
/// <c>VoiceHub:WarmUp</c>: whether the API runs its read routes a few times when it starts, before
/// its readiness probe (<c>/health</c>) says it is ready (see <see cref="WarmUpService"/>).
/// </summary>
public sealed class WarmUpOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:WarmUp";

    public bool Enabled { get; set; } = true;

    /// <summary>How many times each route is called (the later rounds run concurrently, as real traffic does).</summary>
    public int Rounds { get; set; } = 3;

    /// <summary>After this long the API reports ready whether or not the warm-up finished.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<string> Problems()
    {
        if (Rounds is < 1 or > 20) yield return "Rounds must be between 1 and 20.";
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5)) yield return "Timeout must be positive and at most 5 minutes.";
    }
}
