using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Contracts;

/// <summary>
/// The JSON every endpoint answers, pinned: representative calls are compared with the files in
/// Snapshots/ after the values that change from run to run (times, ids, measured figures) are
/// replaced by their kind. A renamed, dropped or retyped field fails here. Set
/// VOICEHUB_UPDATE_SNAPSHOTS=1 to rewrite the files after an intended change of the API.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed partial class ResponseSnapshotTests(RedisServerFixture redis) : IAsyncLifetime
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Workflow_answers_keep_their_shape()
    {
        var created = await SendAsync("workflow-created", HttpMethod.Post, "/api/workflows", new { templateId = "self-test", inputs = new { delay = 0 } });
        var id = created.GetProperty("id").GetString()!;
        await _client.WaitForStatusAsync(id, "Completed", "Failed");

        await SendAsync("workflow-completed", HttpMethod.Get, $"/api/workflows/{id}");
        await SendAsync("workflow-list", HttpMethod.Get, "/api/workflows?limit=5");
        await SendAsync("workflow-batch", HttpMethod.Post, "/api/workflows/batch",
            new { items = new object[] { new { templateId = "self-test", inputs = new { delay = 0 } }, new { templateId = "nope" } } });
        await SendAsync("workflow-invalid", HttpMethod.Post, "/api/workflows", new { templateId = "self-test", inputs = new { delay = "soon" } });
        await SendAsync("workflow-unknown", HttpMethod.Get, "/api/workflows/wf_missing");
        await SendAsync("workflow-cancel-finished", HttpMethod.Post, $"/api/workflows/{id}/cancel");
    }

    [Fact]
    public async Task Command_answers_keep_their_shape()
    {
        var thread = await SendAsync("thread-created", HttpMethod.Post, "/api/threads", new { title = "snapshots" });
        var threadId = thread.GetProperty("id").GetString()!;
        var started = await SendAsync("command-start", HttpMethod.Post, "/api/commands", new { text = "run the self test", threadId });
        await _client.WaitForStatusAsync(started.GetProperty("workflow").GetProperty("id").GetString()!, "Completed", "Failed");
        await SendAsync("command-status", HttpMethod.Post, "/api/commands", new { text = "status of workflow 1" });
        await SendAsync("command-unmatched", HttpMethod.Post, "/api/commands", new { text = "play some jazz music" });
        await SendAsync("command-parse", HttpMethod.Post, "/api/commands/parse", new { text = "cancel workflow twelve" });
        await SendAsync("intents", HttpMethod.Get, "/api/intents?limit=2");
        await SendAsync("thread", HttpMethod.Get, $"/api/threads/{threadId}");
        await SendAsync("thread-messages", HttpMethod.Get, $"/api/threads/{threadId}/messages?limit=2");
        await SendAsync("thread-list", HttpMethod.Get, "/api/threads?limit=1");
        await SendAsync("thread-append", HttpMethod.Post, $"/api/threads/{threadId}/messages", new { role = "user", text = "hello", data = new { k = "v" } });
        await SendAsync("thread-batch", HttpMethod.Post, $"/api/threads/{threadId}/messages/batch", new { messages = new[] { new { role = "system", text = "one" } } });
    }

    [Fact]
    public async Task Catalog_and_monitoring_answers_keep_their_shape()
    {
        await SendAsync("templates", HttpMethod.Get, "/api/templates?limit=2");
        await SendAsync("template", HttpMethod.Get, "/api/templates/self-test");
        await SendAsync("agents", HttpMethod.Get, "/api/agents?limit=2");
        await SendAsync("agent", HttpMethod.Get, "/api/agents/system");
        await SendAsync("service-info", HttpMethod.Get, "/");
        await SendAsync("health-detailed", HttpMethod.Get, "/api/health/detailed", shapeOnly: true);
        await SendAsync("metrics", HttpMethod.Get, "/api/metrics", shapeOnly: true);
        await SendAsync("paging-invalid", HttpMethod.Get, "/api/templates?page=0");
    }

    [Fact]
    public async Task Identity_answers_keep_their_shape()
    {
        await SendAsync("me", HttpMethod.Get, "/api/me");
        await SendAsync("sign-in-report-refused", HttpMethod.Post, "/api/sign-ins", new { method = "key", succeeded = false });
    }

    [VoiceHub.Tests.Speech.SpeechFact]
    public async Task Speech_answers_keep_their_shape()
    {
        using var clips = new VoiceHub.Tests.Speech.SpokenClips();
        // Figures (grammar size, confidence, timings) and transcripts vary with the grammar and the audio: their shape is pinned.
        await SendAsync("speech-capabilities", HttpMethod.Get, "/api/speech", shapeOnly: true);
        await SendAsync("speech-recognize", HttpMethod.Post, "/api/speech/recognize", Wav(clips.Say("list the running workflows", VoiceHub.Tests.Speech.Voice.All[0])), shapeOnly: true);
        await SendAsync("speech-command", HttpMethod.Post, "/api/speech/commands", Wav(clips.Say("list the running workflows", VoiceHub.Tests.Speech.Voice.All[0])), shapeOnly: true);
        await SendAsync("speech-command-rejected", HttpMethod.Post, "/api/speech/commands", Wav(VoiceHub.Tests.Speech.TestWav.Tone(1.5)), shapeOnly: true);
        await SendAsync("speech-bad-audio", HttpMethod.Post, "/api/speech/recognize", Wav("ID3 not a wav"u8.ToArray()));
        await SendAsync("speech-say-invalid", HttpMethod.Post, "/api/speech/say", new { text = "" });

        static HttpContent Wav(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/wav");
            return content;
        }
    }

    [Fact]
    public async Task Hook_and_webhook_answers_keep_their_shape()
    {
        var hook = await SendAsync("hook-created", HttpMethod.Post, "/api/hooks", new { templateId = "self-test", mapping = new { delay = "/delay" } }, shapeOnly: true);
        var hookId = hook.GetProperty("hook").GetProperty("id").GetString()!;
        await SendAsync("hook-unsigned", HttpMethod.Post, $"/hooks/{hookId}", new { delay = 1 });
        await SendAsync("hook", HttpMethod.Get, $"/api/hooks/{hookId}", shapeOnly: true);
        await SendAsync("hook-invalid", HttpMethod.Post, "/api/hooks", new { templateId = "self-test", mapping = new { delay = "delay" } });
        var webhook = await SendAsync("webhook-created", HttpMethod.Post, "/api/webhooks", new { url = "https://example.com/hook", events = new[] { "workflow.completed" } }, shapeOnly: true);
        var webhookId = webhook.GetProperty("webhook").GetProperty("id").GetString()!;
        await SendAsync("webhook-deliveries", HttpMethod.Get, $"/api/webhooks/{webhookId}/deliveries", shapeOnly: true);
        await SendAsync("webhook-invalid", HttpMethod.Post, "/api/webhooks", new { url = "http://169.254.169.254/", events = new[] { "workflow.exploded" } });
    }

    [Fact]
    public async Task Schedule_answers_keep_their_shape()
    {
        var created = await SendAsync("schedule-created", HttpMethod.Post, "/api/schedules",
            new { templateId = "repo-status", inputs = new { path = "." }, cron = "0 9 * * 1-5", timeZone = "Europe/Berlin", missedPolicy = "runOnce", name = "morning status" });
        var id = created.GetProperty("id").GetString()!;
        await SendAsync("schedule", HttpMethod.Get, $"/api/schedules/{id}");
        await SendAsync("schedule-list", HttpMethod.Get, "/api/schedules?limit=5");
        await SendAsync("schedule-paused", HttpMethod.Post, $"/api/schedules/{id}/pause");
        await SendAsync("schedule-invalid", HttpMethod.Post, "/api/schedules", new { templateId = "repo-status", cron = "61 * * * *", timeZone = "Mars/Base" });
        await SendAsync("schedule-unknown", HttpMethod.Get, "/api/schedules/sch_0000000000000000");
    }

    private async Task<JsonElement> SendAsync(string name, HttpMethod method, string path, object? body = null, bool shapeOnly = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is HttpContent raw ? raw : body is null ? null : JsonContent.Create(body) };
        using var response = await _client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text);
        var snapshot = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["contentType"] = response.Content.Headers.ContentType?.MediaType,
            ["body"] = shapeOnly ? Shape(json) : Normalize(json, null),
        };
        Compare(name, snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static void Compare(string name, string actual)
    {
        var file = Path.Combine(SnapshotFolder(), name + ".json");
        if (Environment.GetEnvironmentVariable("VOICEHUB_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(file, actual + "\n");
            return;
        }

        Assert.True(File.Exists(file), $"No snapshot {file}; run once with VOICEHUB_UPDATE_SNAPSHOTS=1 and review it.");
        Assert.Equal(File.ReadAllText(file).TrimEnd(), actual.TrimEnd());
    }

    private static string SnapshotFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots");

    /// <summary>Keeps names, order, types and stable values; replaces what changes between runs.</summary>
    private static JsonNode? Normalize(JsonNode? node, string? key) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value, p.Key)))),
        JsonArray a => new JsonArray(a.Select(e => Normalize(e, key)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => NormalizeString(v.GetValue<string>(), key),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && key is not null && VolatileNumbers.Contains(key) => "<number>",
        _ => node?.DeepClone(),
    };

    private static readonly HashSet<string> VolatileNumbers = ["durationMs", "score", "elapsedMs", "uptime_seconds"];

    private static JsonNode NormalizeString(string value, string? key)
    {
        if (IsoTime().IsMatch(value)) return "<time>";
        if (key is "traceId" or "traceParent" or "instance" or "version") return "<" + key + ">";
        return Ids().Replace(value, m => m.Groups[1].Value + "<id>");
    }

    /// <summary>For figures that change all the time: every value becomes its JSON kind, keys stay.</summary>
    private static JsonNode? Shape(JsonNode? node) => node switch
    {
        // A recogniser's other readings come and go with the grammar and the audio: only their kind is kept.
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Key == "alternatives" && p.Value is JsonArray ? "array of string" : Shape(p.Value)))),
        JsonArray a => new JsonArray(a.Take(1).Select(Shape).ToArray()),
        null => null,
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\b(thr_|msg_|wf_|sch_)[0-9a-zA-Z]{6,}")]
    private static partial Regex Ids();
}
