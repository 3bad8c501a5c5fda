using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>
/// <c>VoiceHub:WarmUp</c>: whether the API runs its read routes when it starts, before
/// its readiness probe (<c>/health</c>) says it is ready (see <see cref="WarmUpService"/>).
/// </summary>
public sealed class WarmUpOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:WarmUp";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many times each route is called (the later rounds run concurrently, as real traffic does).
    /// Tiered compilation recompiles a method optimised once it has been called 30 times, so fewer
    /// rounds leave the first real requests on unoptimised code and the JIT busy beside them.
    /// </summary>
    public int Rounds { get; set; } = 40;

    /// <summary>After the rounds, how long to wait at most for the JIT to go quiet (its background recompilations done).</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After this long the API reports ready whether or not the warm-up finished.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<string> Problems()
    {
        if (Rounds is < 1 or > 200) yield return "Rounds must be between 1 and 200.";
        if (Settle < TimeSpan.Zero || Settle > TimeSpan.FromMinutes(1)) yield return "Settle must be between 0 and 1 minute.";
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5)) yield return "Timeout must be positive and at most 5 minutes.";
    }
}
