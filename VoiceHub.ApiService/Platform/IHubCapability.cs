namespace VoiceHub.ApiService.Platform;

/// <summary>
/// An optional capability of the hub (e.g. "llm", "speech"), available or not in this deployment.
/// Features that offer one register it; templates and agents that need one ask for it by name.
/// </summary>
public interface IHubCapability
{
    string Name { get; }

    bool IsAvailable { get; }
}
