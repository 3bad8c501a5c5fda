using Microsoft.Extensions.Options;
using Whisper.net;

namespace VoiceHub.ApiService.Speech.Whisper;

/// <summary>
/// The optional general engine: Whisper (whisper.cpp through Whisper.net) on the CPU, on when
/// <see cref="SpeechOptions.WhisperModelPath"/> names a ggml model file that loads. It hears any
/// English, so it does not reject by itself: its transcript goes through the text recogniser, which
/// matches it or answers with suggestions.
/// </summary>
internal sealed class WhisperEngine(IOptions<SpeechOptions> options, ILogger<WhisperEngine> logger) : ISpeechEngine, IDisposable
{
    public const string EngineName = "whisper";

    private WhisperFactory? _factory;
    private string? _unavailable = "not started yet";

    public string Name => EngineName;

    public SpeechEngineStatus Status => new(EngineName, _factory is not null,
        "Whisper (offline, any English; needs a ggml model file)", _factory is null ? _unavailable : null);

    /// <summary>Loads the model when one is configured; records why not otherwise.</summary>
    public void Start()
    {
        var path = options.Value.WhisperModelPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            _unavailable = $"no model configured; set {SpeechOptions.Section}:WhisperModelPath to a ggml model file such as ggml-base.en.bin";
            return;
        }

        if (!File.Exists(path))
        {
            _unavailable = $"model file '{path}' ({SpeechOptions.Section}:WhisperModelPath) does not exist";
            logger.LogWarning("Speech engine {Engine} unavailable: {Reason}", EngineName, _unavailable);
            return;
        }

        try
        {
            var factory = WhisperFactory.FromPath(path);
            try
            {
                // The model is read when the first processor is built; build one now so a bad file is found at start-up.
                using var probe = factory.CreateBuilder().WithLanguage("en").Build();
            }
            catch
            {
                factory.Dispose();
                throw;
            }

            _factory = factory;
        }
        catch (Exception e)
        {
            // Whisper.net throws whatever the native loader reports; any of it means "not usable".
            _unavailable = $"model file '{path}' could not be loaded: {e.Message}";
            logger.LogWarning(e, "Speech engine {Engine} unavailable: {Reason}", EngineName, _unavailable);
        }
    }

    public async Task<Transcript> TranscribeAsync(SpeechAudio audio, CancellationToken cancellationToken)
    {
        var factory = _factory ?? throw new InvalidOperationException($"{EngineName} is unavailable: {_unavailable}");
        var samples = Array.ConvertAll(audio.Samples, s => s / 32768f);

        // A processor holds per-utterance state; one per request keeps concurrent requests apart.
        await using var processor = factory.CreateBuilder().WithLanguage("en").WithProbabilities().WithNoContext().Build();
        var (texts, probabilities) = (new List<string>(), new List<float>());
        await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
        {
            texts.Add(segment.Text.Trim());
            probabilities.Add(segment.Probability);
        }

        var text = string.Join(' ', texts.Where(t => t.Length > 0 && !t.StartsWith('[')));
        var confidence = probabilities.Count == 0 ? 0 : Math.Round(Math.Clamp(probabilities.Average(), 0, 1), 2);
        return new Transcript(text, [], confidence, Rejected: text.Length == 0);
    }

    public void Dispose() => _factory?.Dispose();
}
