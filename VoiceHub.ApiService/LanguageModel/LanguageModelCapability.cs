using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// The "llm" capability templates ask for with <c>requires: [llm]</c>. It follows configuration only:
/// an open circuit is a passing outage that steps report when they run, not a reason to refuse a template.
/// </summary>
public sealed class LanguageModelCapability(LanguageModelStatus status) : IHubCapability
{
    public string Name => LanguageModelConnection.ConnectionName;

    public bool IsAvailable => status.IsConfigured;
}
