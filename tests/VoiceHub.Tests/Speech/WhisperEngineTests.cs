using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Speech.Whisper;

namespace VoiceHub.Tests.Speech;

/// <summary>
/// The optional Whisper engine. No model can be downloaded here, so recognition runs only where
/// <c>VOICEHUB_WHISPER_MODEL</c> names a ggml file (e.g. ggml-base.en.bin); the loading rules run everywhere.
/// </summary>
public sealed class WhisperEngineTests
{
    private static WhisperEngine Start(string? path)
    {
        var engine = new WhisperEngine(Options.Create(new SpeechOptions { WhisperModelPath = path }), NullLogger<WhisperEngine>.Instance);
        engine.Start();
        return engine;
    }

    [Fact]
    public void Without_a_model_path_whisper_is_off_and_says_which_key_to_set()
    {
        using var engine = Start(null);

        Assert.False(engine.Status.Available);
        Assert.Contains("VoiceHub:Speech:WhisperModelPath", engine.Status.Reason);
    }

    [Fact]
    public void A_missing_model_file_is_named()
    {
        using var engine = Start("/nonexistent/ggml-base.en.bin");

        Assert.False(engine.Status.Available);
        Assert.Contains("/nonexistent/ggml-base.en.bin", engine.Status.Reason);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_reported_not_thrown()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a ggml model");
            using var engine = Start(path);

            Assert.False(engine.Status.Available);
            Assert.Contains("could not be loaded", engine.Status.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [WhisperModelFact]
    public async Task With_a_model_file_speech_is_transcribed()
    {
        using var engine = Start(Environment.GetEnvironmentVariable(WhisperModelFactAttribute.Variable));
        using var clips = new SpokenClips();
        var (audio, _) = WavDecoder.Decode(clips.Say("list the running workflows", Voice.All[0]), 15);

        var transcript = await engine.TranscribeAsync(audio!, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(engine.Status.Available, engine.Status.Reason);
        Assert.Contains("running workflows", transcript.Text, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Runs only where a Whisper model file is named by <c>VOICEHUB_WHISPER_MODEL</c> (and espeak-ng can make audio).</summary>
public sealed class WhisperModelFactAttribute : FactAttribute
{
    public const string Variable = "VOICEHUB_WHISPER_MODEL";

    public WhisperModelFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path || !File.Exists(path))
        {
            Skip = $"No Whisper model: set {Variable} to a ggml model file (e.g. ggml-base.en.bin from huggingface.co/ggerganov/whisper.cpp).";
        }
        else if (SpeechTools.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
