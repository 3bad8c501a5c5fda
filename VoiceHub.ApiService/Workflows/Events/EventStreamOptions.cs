using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>Limits of Server-Sent Events streams (section <c>VoiceHub:Events</c>).</summary>
public sealed class EventStreamOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Events";

    /// <summary>Streams one replica serves at once; more get 503 with Retry-After (another replica may have room).</summary>
    public int MaxStreamsPerReplica { get; set; } = 5000;

    /// <summary>Streams one caller (API key, user, or address) holds at once on a replica; more get 429 with Retry-After.</summary>
    public int MaxStreamsPerCaller { get; set; } = 20;

    /// <summary>A comment is sent after this much silence, so proxies and clients know the stream is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Problems()
    {
        if (MaxStreamsPerReplica < 1 || MaxStreamsPerCaller < 1) yield return "MaxStreamsPerReplica and MaxStreamsPerCaller must be 1 or more.";
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100)) yield return "HeartbeatInterval must be at least 100 ms.";
    }
}
