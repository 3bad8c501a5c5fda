using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Speech;

/// <summary>No model, a broken Whisper file: the API starts, says why, degrades, and never answers 5xx to bad input.</summary>
[Collection(RedisCollection.Name)]
public sealed class SpeechUnavailableTests(RedisServerFixture redis) : ApiTest(redis)
{
    private readonly string _notAModel = Path.Combine(Path.GetTempPath(), $"voicehub-not-a-model-{Guid.NewGuid():N}.bin");

    private HttpClient _client => Client;

    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Speech:ModelPath"] = "/nonexistent/pocketsphinx-model",
        ["VoiceHub:Speech:WhisperModelPath"] = _notAModel,
    };

    protected override Task StartingAsync() => File.WriteAllTextAsync(_notAModel, "this is not a ggml model");

    protected override Task StoppedAsync()
    {
        File.Delete(_notAModel);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Missing_model_is_reported_not_thrown()
    {
        var speech = await _client.GetFromJsonAsync<JsonElement>("/api/speech");
        var engines = speech.GetProperty("engines").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

        Assert.False(speech.GetProperty("available").GetBoolean());
        Assert.False(engines["pocketsphinx"].GetProperty("available").GetBoolean());
        Assert.Matches("nonexistent|libpocketsphinx", engines["pocketsphinx"].GetProperty("reason").GetString());
        Assert.Contains("could not be loaded", engines["whisper"].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Speech_health_is_degraded_never_unhealthy()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health/detailed");
        var check = health.GetProperty("checks").GetProperty("speech");

        Assert.Equal("degraded", check.GetProperty("status").GetString());
        Assert.Contains("PocketSphinx is unavailable", check.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("/api/speech/recognize")]
    [InlineData("/api/speech/commands")]
    [InlineData("/api/speech/recognize?engine=whisper")]
    public async Task Audio_without_an_engine_gets_503_with_the_reason(string path)
    {
        var (status, problem) = await SpeechApiTests.PostAudioAsync(_client, path, TestWav.Tone(1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("unavailable", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_engine_is_a_bad_request()
    {
        var (status, problem) = await SpeechApiTests.PostAudioAsync(_client, "/api/speech/recognize?engine=siri", TestWav.Tone(1));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("pocketsphinx, whisper", problem.GetProperty("detail").GetString());
    }
}
