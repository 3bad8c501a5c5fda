using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Whisper;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Loads the engines when the host starts, so the first spoken command does not wait for a model
/// and the health check tells the truth from the start. A missing library or model leaves the
/// engine unavailable with its reason; start-up goes on.
/// </summary>
internal sealed class SpeechStartup(PocketSphinxEngine pocketSphinx, WhisperEngine whisper) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        pocketSphinx.Start();
        whisper.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
