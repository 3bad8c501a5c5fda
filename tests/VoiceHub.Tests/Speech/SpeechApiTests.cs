using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Speech;

/// <summary><c>/api/speech</c> in-process: capability, bad audio, recognition, spoken commands.</summary>
[Collection(RedisCollection.Name)]
public sealed class SpeechApiTests(RedisServerFixture redis) : ApiTest(redis)
{
    private readonly SpokenClips _clips = new();

    private HttpClient _client => Client;

    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Speech:MaxBodyBytes"] = "1500000" };

    protected override Task StoppedAsync()
    {
        _clips.Dispose();
        return Task.CompletedTask;
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> PostAudioAsync(HttpClient client, string path, byte[] body, string? type = "audio/wav")
    {
        using var content = new ByteArrayContent(body);
        if (type is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [InlineData("empty", 400, "no body")]
    [InlineData("text", 415, "Content-Type: audio/wav")]
    [InlineData("notwav", 415, "not a WAV file")]
    [InlineData("alaw", 415, "not supported")]
    [InlineData("long", 413, "at most 15 s")]
    [InlineData("huge", 413, "MaxBodyBytes")]
    [InlineData("short", 400, "at least 100 ms")]
    public async Task Bad_audio_gets_a_problem_with_what_to_send(string kind, int status, string detail)
    {
        var (body, type) = kind switch
        {
            "empty" => ([], "audio/wav"),
            "text" => ("run the tests"u8.ToArray(), "text/plain"),
            "notwav" => ("ID3 this is an mp3, honestly"u8.ToArray(), "audio/wav"),
            "alaw" => (TestWav.Tone(1, bits: 8, format: 6), "audio/wav"),
            "long" => (TestWav.Tone(16, rate: 8_000, bits: 8), "audio/wav"),
            "huge" => (new byte[1_600_000], "application/octet-stream"),
            _ => (TestWav.Tone(0.05), "audio/wav"),
        };

        foreach (var path in new[] { "/api/speech/recognize", "/api/speech/commands" })
        {
            var (actual, problem) = await PostAudioAsync(_client, path, body, type);

            Assert.Equal(status, (int)actual);
            Assert.Contains(detail, problem.GetProperty("detail").GetString());
        }
    }

    [SpeechFact]
    public async Task Capability_lists_both_engines_and_why_whisper_is_off()
    {
        var speech = await _client.GetFromJsonAsync<JsonElement>("/api/speech");
        var engines = speech.GetProperty("engines").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

        Assert.True(speech.GetProperty("available").GetBoolean());
        Assert.True(engines["pocketsphinx"].GetProperty("available").GetBoolean());
        Assert.False(engines["whisper"].GetProperty("available").GetBoolean());
        Assert.Contains("WhisperModelPath", engines["whisper"].GetProperty("reason").GetString());
        Assert.True(speech.GetProperty("grammar").GetProperty("words").GetInt32() > 100);
    }

    [SpeechFact]
    public async Task Recording_is_recognised_at_16_kHz_and_at_44_kHz_stereo()
    {
        foreach (var wav in new[] { _clips.Say("list the running workflows", Voice.All[0]), _clips.SayAs("list the running workflows", Voice.All[0], 44_100, 2) })
        {
            var (status, body) = await PostAudioAsync(_client, "/api/speech/recognize", wav);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("list the running workflows", body.GetProperty("text").GetString());
            Assert.Equal("pocketsphinx", body.GetProperty("engine").GetString());
            Assert.InRange(body.GetProperty("durationMs").GetInt64(), 1000, 3000);
            Assert.False(body.GetProperty("rejected").GetBoolean());
        }
    }

    [SpeechFact]
    public async Task Spoken_command_is_carried_out_like_a_typed_one()
    {
        var (status, body) = await PostAudioAsync(_client, "/api/speech/commands", _clips.Say("list the running workflows", Voice.All[0]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list the running workflows", body.GetProperty("speech").GetProperty("text").GetString());
        Assert.Equal("ListWorkflows", body.GetProperty("command").GetProperty("intent").GetString());
        Assert.Equal("list", body.GetProperty("action").GetString());
        Assert.False(body.GetProperty("needsConfirmation").GetBoolean());
    }

    [SpeechFact]
    public async Task Out_of_domain_speech_is_rejected_with_a_request_to_repeat()
    {
        var (status, problem) = await PostAudioAsync(_client, "/api/speech/commands", _clips.Say("what's the weather like in Paris", Voice.All[1]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("say it again", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("speech").GetProperty("rejected").GetBoolean());
    }

    [SpeechFact]
    public async Task Unsure_change_asks_for_confirmation_and_a_sure_one_starts_the_workflow()
    {
        var (status, body) = await PostAudioAsync(_client, "/api/speech/commands?idempotencyKey=" + Guid.NewGuid().ToString("N"),
            _clips.Say("run the tests", Voice.All[0]));
        var confidence = body.GetProperty("speech").GetProperty("confidence").GetDouble();

        if (confidence < 0.8)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body.GetProperty("needsConfirmation").GetBoolean());
            Assert.Equal("confirm", body.GetProperty("action").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("command").ValueKind);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("workflow_started", body.GetProperty("action").GetString());
        }
    }

    [SpeechFact]
    public async Task Unknown_thread_is_refused_before_anything_is_heard()
    {
        var (status, problem) = await PostAudioAsync(_client, "/api/speech/commands?threadId=nope", _clips.Say("list workflows", Voice.All[0]));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("POST /api/threads", problem.GetProperty("detail").GetString());
    }

    [SpeechFact]
    public async Task Speech_health_is_healthy_when_pocketsphinx_is_loaded()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health/detailed");

        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("speech").GetProperty("status").GetString());
    }

    [SpeechFact]
    public async Task Speech_grammar_can_be_rebuilt_while_running()
    {
        using var response = await _client.PostAsync("/api/speech/grammar/rebuild", null);
        var speech = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(speech.GetProperty("grammar").GetProperty("states").GetInt32() > 50);
        var (status, _) = await PostAudioAsync(_client, "/api/speech/recognize", _clips.Say("list workflows", Voice.All[0]));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [SpeechFact]
    public async Task Spoken_command_in_a_thread_records_what_was_heard_and_the_reply()
    {
        var thread = await (await _client.PostAsJsonAsync("/api/threads", new { title = "voice" })).Content.ReadFromJsonAsync<JsonElement>();
        var threadId = thread.GetProperty("id").GetString()!;

        var (status, _) = await PostAudioAsync(_client, $"/api/speech/commands?threadId={threadId}", _clips.Say("list the running workflows", Voice.All[0]));
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/threads/{threadId}/messages");
        var messages = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["user", "hub"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("list the running workflows", messages[0].GetProperty("text").GetString());
        Assert.Equal("ListWorkflows", messages[1].GetProperty("data").GetProperty("intent").GetString());
    }
}
