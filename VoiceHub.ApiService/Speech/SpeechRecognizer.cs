using System.Diagnostics;

namespace VoiceHub.ApiService.Speech;

/// <summary>Why no engine could take the audio: the engine asked for is unknown (400) or none is available (503).</summary>
internal sealed record EngineProblem(int Status, string Detail);

/// <summary>
/// Audio in, text out: picks an engine (the one asked for, else the first available in
/// registration order — PocketSphinx, then Whisper) and times the recognition.
/// </summary>
internal sealed class SpeechRecognizer(IEnumerable<ISpeechEngine> engines, ILogger<SpeechRecognizer> logger)
{
    private readonly ISpeechEngine[] _engines = engines.ToArray();

    public IReadOnlyList<SpeechEngineStatus> Engines => _engines.Select(e => e.Status).ToArray();

    public bool IsAvailable => _engines.Any(e => e.Status.Available);

    public async Task<(SpeechRecognition? Result, EngineProblem? Problem)> RecognizeAsync(
        SpeechAudio audio, string? engineName, CancellationToken cancellationToken)
    {
        var (engine, problem) = Choose(engineName);
        if (engine is null)
        {
            return (null, problem);
        }

        var started = Stopwatch.GetTimestamp();
        Transcript transcript;
        try
        {
            transcript = await engine.TranscribeAsync(audio, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A native engine's failure is the engine's, not the request's: 503 with the reason, logged for the operator.
            logger.LogError(e, "Speech engine {Engine} failed on {Seconds:0.0} s of audio", engine.Name, audio.DurationSeconds);
            return (null, new EngineProblem(503, $"Speech engine '{engine.Name}' failed: {e.Message}. Try again, or send the command as text."));
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (new SpeechRecognition(transcript.Text, transcript.Alternatives, transcript.Confidence, engine.Name,
            (long)(audio.DurationSeconds * 1000), elapsed, transcript.Rejected), null);
    }

    private (ISpeechEngine?, EngineProblem?) Choose(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            var first = _engines.FirstOrDefault(e => e.Status.Available);
            return first is not null ? (first, null) : (null, new EngineProblem(503,
                "No speech engine is available (" + string.Join("; ", _engines.Select(e => $"{e.Name} unavailable: {e.Status.Reason}")) + ")" +
                ". Send the command as text to POST /api/commands meanwhile."));
        }

        var engine = _engines.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (engine is null)
        {
            return (null, new EngineProblem(400, $"There is no speech engine '{name}'; known: {string.Join(", ", _engines.Select(e => e.Name))}."));
        }

        return engine.Status.Available ? (engine, null) : (null, new EngineProblem(503, $"Speech engine '{engine.Name}' is unavailable: {engine.Status.Reason}."));
    }
}
