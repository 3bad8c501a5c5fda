using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Hooks;

/// <summary>Settings of inbound hooks (section <c>VoiceHub:Hooks</c>).</summary>
public sealed class HookOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Hooks";

    /// <summary>Largest delivery body accepted; more is a 413 before it is all read.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How far a Standard Webhooks <c>webhook-timestamp</c> may be from now, either way.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a delivery id is remembered, so the same delivery is refused a second time.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Deliveries (accepted or refused) each hook keeps for its page.</summary>
    public int RecentDeliveries { get; set; } = 20;

    /// <summary>Hooks one owner may hold.</summary>
    public int MaxHooksPerOwner { get; set; } = 100;

    /// <summary>
    /// The address senders reach the API on (e.g. <c>https://hub.example.com</c>); a hook's <c>url</c> is this
    /// + <c>/hooks/{id}</c>. Unset: the address of the request that created the hook.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes is < 1024 or > 16 * 1024 * 1024) yield return "MaxBodyBytes must be 1024..16777216.";
        if (TimestampTolerance <= TimeSpan.Zero || TimestampTolerance > TimeSpan.FromHours(1)) yield return "TimestampTolerance must be more than 0 and at most 01:00:00.";
        if (ReplayWindow < TimestampTolerance * 2) yield return "ReplayWindow must be at least twice TimestampTolerance, or a replayed delivery could outlive its memory.";
        if (RecentDeliveries is < 1 or > 1000) yield return "RecentDeliveries must be 1..1000.";
        if (MaxHooksPerOwner < 1) yield return "MaxHooksPerOwner must be 1 or more.";
        if (PublicBaseUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0))
        {
            yield return $"PublicBaseUrl must be an absolute http(s) address without a query; got '{url}'.";
        }
    }
}
