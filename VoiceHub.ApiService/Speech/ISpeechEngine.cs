namespace VoiceHub.ApiService.Speech;

/// <summary>What an engine heard.</summary>
/// <param name="Text">The transcript, with spoken names written back ("samples/sales.csv").</param>
/// <param name="Alternatives">Other readings, best first.</param>
/// <param name="Confidence">0..1: how sure the engine is that <paramref name="Text"/> was said.</param>
/// <param name="Rejected">True when the audio is judged not to be a command the hub knows; Text is then only a guess.</param>
/// <param name="Fit">PocketSphinx only: how far the sentence scores behind the phone loop (see <see cref="SpeechConfidence"/>), for calibration.</param>
internal sealed record Transcript(string Text, IReadOnlyList<string> Alternatives, double Confidence, bool Rejected, AcousticFit? Fit = null);

/// <summary>One way of turning audio into text.</summary>
internal interface ISpeechEngine
{
    /// <summary>e.g. <c>pocketsphinx</c>, <c>whisper</c>.</summary>
    string Name { get; }

    SpeechEngineStatus Status { get; }

    /// <summary>Transcribes 16 kHz mono audio; only called when <see cref="Status"/> says available.</summary>
    Task<Transcript> TranscribeAsync(SpeechAudio audio, CancellationToken cancellationToken);
}
