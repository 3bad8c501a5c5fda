using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Commands.Compiler;

namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// The always-there engine: PocketSphinx in-process, constrained to the sentences of the intent
/// grammar, with rejection of audio that fits an unconstrained phone loop much better than any
/// sentence (see <see cref="SpeechConfidence"/>). When the native library or the model is missing
/// it says so in <see cref="Status"/> and is never used; nothing throws at start-up.
/// </summary>
internal sealed class PocketSphinxEngine : ISpeechEngine, IDisposable
{
    public const string EngineName = "pocketsphinx";

    private readonly SpeechOptions _options;
    private readonly SpeechVocabularySource _vocabularySource;
    private readonly Func<GrammarDefinition> _grammar;
    private readonly ILogger<PocketSphinxEngine> _logger;
    private readonly EspeakWordReader? _reader;
    private readonly Lock _rebuild = new();
    private PronunciationDictionary? _dictionary;
    private SpeechModelFiles? _model;
    private SpeechGrammarVersion? _current;
    private string? _unavailable = "not started yet";

    /// <param name="reader">Reads words the dictionary lacks as words (besides spelling them); null: they are only spelled.</param>
    public PocketSphinxEngine(
        IOptions<SpeechOptions> options, SpeechVocabularySource vocabularySource, Func<GrammarDefinition> grammar, ILogger<PocketSphinxEngine> logger,
        EspeakWordReader? reader = null)
    {
        (_options, _vocabularySource, _grammar, _logger, _reader) = (options.Value, vocabularySource, grammar, logger, reader);
    }

    public string Name => EngineName;

    public SpeechEngineStatus Status => new(EngineName, _current is not null,
        "PocketSphinx (offline, constrained to the command grammar, rejects other speech)", _current is null ? _unavailable : null);

    /// <summary>The grammar in use, or null while unavailable.</summary>
    public SpeechGrammar? Grammar => _current?.Grammar;

    /// <summary>The folder with the grammar's FSG and dictionary files in use (for the bench's <c>--keep-grammar</c>), or null.</summary>
    internal string? GrammarFolder => _current?.Folder;

    /// <summary>Loads the library, model and dictionary and builds the grammar; on failure records why and stays unavailable.</summary>
    public void Start()
    {
        if (!PocketSphinxNative.Load(out var error))
        {
            _unavailable = error;
            _logger.LogWarning("Speech engine {Engine} unavailable: {Reason}", EngineName, error);
            return;
        }

        var model = SpeechModelFiles.InFolder(_options.ModelPath);
        if (model.Missing() is { } missing)
        {
            _unavailable = missing;
            _logger.LogWarning("Speech engine {Engine} unavailable: {Reason}", EngineName, missing);
            return;
        }

        try
        {
            _dictionary = PronunciationDictionary.Load(model.Dictionary);
        }
        catch (IOException e)
        {
            _unavailable = $"pronunciation dictionary '{model.Dictionary}' could not be read: {e.Message}";
            return;
        }

        _model = model;
        Rebuild();
    }

    /// <summary>
    /// Builds the speech grammar again from the intent grammar and the current vocabulary (workspace
    /// names, configured phrases) and swaps it in; requests under way finish with the old one.
    /// </summary>
    public void Rebuild()
    {
        if (_model is null || _dictionary is null)
        {
            return;
        }

        lock (_rebuild)
        {
            try
            {
                var vocabulary = _vocabularySource.Build();
                var dictionary = _dictionary;
                var grammar = SpeechGrammarBuilder.Build(_grammar(), vocabulary, dictionary, _options.MaxSpokenNumber,
                    _reader is { Available: true } reader ? unknown => Learn(dictionary, reader, unknown) : null);

                var decoders = _options.Decoders > 0 ? _options.Decoders : Environment.ProcessorCount;
                var next = SpeechGrammarVersion.Create(_model, _dictionary, grammar, vocabulary, decoders);
                var previous = Interlocked.Exchange(ref _current, next);
                previous?.Dispose();
                _logger.LogInformation("Speech grammar built: {Words} words, {States} states, {Phrases} spoken names, {Dropped} phrases without pronunciation",
                    grammar.Words.Count, grammar.States, vocabulary.Count, grammar.Dropped.Count);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or KeyNotFoundException or FormatException)
            {
                if (_current is null)
                {
                    _unavailable = $"the speech grammar could not be built: {e.Message}";
                }

                _logger.LogError(e, "Speech grammar could not be built; keeping the previous one if any");
            }
        }
    }

    /// <summary>Gives the reader the unknown words it has not read yet; true when it did read some.</summary>
    private static bool Learn(PronunciationDictionary dictionary, EspeakWordReader reader, IReadOnlyCollection<string> unknown)
    {
        if (dictionary.Unread(unknown) is not { Count: > 0 } unread)
        {
            return false;
        }

        dictionary.AddReadings(reader.Read(unread));
        return true;
    }

    public async Task<Transcript> TranscribeAsync(SpeechAudio audio, CancellationToken cancellationToken)
    {
        var version = _current ?? throw new InvalidOperationException($"{EngineName} is unavailable: {_unavailable}");
        DecodeResult result;
        try
        {
            result = await version.Decoders.UseAsync(d => d.Decode(audio.Samples), cancellationToken);
        }
        catch (InvalidOperationException) when (_current is { } rebuilt && rebuilt != version)
        {
            // The grammar was rebuilt while this request waited and its files are gone: once more with the new one.
            version = rebuilt;
            result = await version.Decoders.UseAsync(d => d.Decode(audio.Samples), cancellationToken);
        }

        var fit = SpeechConfidence.Fit(result);
        var confidence = fit is { } f ? SpeechConfidence.FromFit(f) : 0;
        return new Transcript(
            version.Vocabulary.Restore(result.Text),
            result.Alternatives.Select(version.Vocabulary.Restore).ToArray(),
            confidence,
            result.Text.Length == 0 || confidence < _options.RejectBelow,
            fit);
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();
}
