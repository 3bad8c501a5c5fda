using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// <c>speech</c>: healthy when PocketSphinx is loaded, degraded (never unhealthy) when it is not —
/// typed commands still work, so a missing speech engine must not take the hub out of rotation.
/// </summary>
internal sealed class SpeechHealthCheck(SpeechRecognizer speech, PocketSphinxEngine pocketSphinx) : IHealthCheck
{
    public const string Name = "speech";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = speech.Engines.ToDictionary(e => e.Name, e => (object)(e.Available ? "available" : $"unavailable: {e.Reason}"));
        var status = pocketSphinx.Status;
        return Task.FromResult(status.Available
            ? HealthCheckResult.Healthy("PocketSphinx is loaded with the command grammar.", data)
            : HealthCheckResult.Degraded($"Spoken commands are limited: PocketSphinx is unavailable ({status.Reason}).", data: data));
    }
}

/// <summary>"speech" in the hub's capability list: some engine can hear commands.</summary>
internal sealed class SpeechCapability(SpeechRecognizer speech) : IHubCapability
{
    public string Name => "speech";

    public bool IsAvailable => speech.IsAvailable;
}
