namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>Whether the start-up warm-up is over (finished, skipped or timed out), and how it went.</summary>
public sealed class WarmUpState
{
    private volatile string? _outcome;

    public bool IsOver => _outcome is not null;

    /// <summary>One sentence for the health check: what the warm-up did.</summary>
    public string Outcome => _outcome ?? "warming up: the API's read routes are being called once before it takes traffic";

    public void Finish(string outcome) => _outcome = outcome;
}
