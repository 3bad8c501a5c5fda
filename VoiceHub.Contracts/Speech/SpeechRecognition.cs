namespace VoiceHub.Contracts.Speech;

/// <summary>Answer of <c>POST /api/speech/recognize</c>.</summary>
/// <param name="Text">What was heard, with spoken names written back ("samples/sales.csv").</param>
/// <param name="Alternatives">Other readings, best first (may be empty).</param>
/// <param name="Confidence">0..1 that <paramref name="Text"/> was said.</param>
/// <param name="Engine">The engine that heard it: <c>pocketsphinx</c> or <c>whisper</c>.</param>
/// <param name="DurationMs">Length of the audio.</param>
/// <param name="ElapsedMs">Time spent recognising it.</param>
/// <param name="Rejected">True when the audio is not one of the hub's commands; act on nothing.</param>
public sealed record SpeechRecognition(
    string Text, IReadOnlyList<string> Alternatives, double Confidence, string Engine, long DurationMs, long ElapsedMs, bool Rejected);
