using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

/// <summary>The language model as the second recognition stage, behind the grammar, through the real client path.</summary>
[Collection(RedisCollection.Name)]
public sealed class LlmRecognitionStageTests(RedisServerFixture redis) : IAsyncLifetime
{
    private FakeModelServer _model = null!;

    public async Task InitializeAsync() => _model = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Grammar_match_never_reaches_the_model()
    {
        await using var api = LlmTestHost.Create(redis, _model);

        var response = await api.CreateClient().PostAsJsonAsync("/api/commands/parse", new { text = "cancel workflow 12" });
        var match = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("grammar", match.GetProperty("stage").GetString());
        Assert.Equal(0, _model.ChatRequests);
    }

    [Fact]
    public async Task Sentence_the_grammar_missed_is_mapped_by_the_model_onto_a_known_intent()
    {
        _model.Completion = """{"intent": "CancelWorkflow", "slots": {"number": "7"}, "confidence": 0.95}""";
        await using var api = LlmTestHost.Create(redis, _model);

        var response = await api.CreateClient().PostAsJsonAsync("/api/commands/parse", new { text = "please make number seven go away" });
        var match = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("llm", match.GetProperty("stage").GetString());
        Assert.Equal("CancelWorkflow", match.GetProperty("intent").GetString());
        Assert.Equal(7, match.GetProperty("slots").GetProperty("number").GetProperty("value").GetInt32());
        Assert.Equal(0.8, match.GetProperty("confidence").GetDouble());
        Assert.Contains("CancelWorkflow", _model.LastChatRequest!.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"intent": "LaunchMissiles"}""")]
    [InlineData("""{"intent": "StartWorkflow", "slots": {"template": "not-a-template"}}""")]
    [InlineData("""{"intent": null}""")]
    [InlineData("I think you want to cancel something")]
    public async Task Model_answers_outside_the_grammar_are_not_trusted(string completion)
    {
        _model.Completion = completion;
        await using var api = LlmTestHost.Create(redis, _model);

        var response = await api.CreateClient().PostAsJsonAsync("/api/commands/parse", new { text = "do the thing with the stuff" });

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggestions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Failing_model_falls_back_to_the_grammars_suggestions()
    {
        _model.FailWith = 500;
        await using var api = LlmTestHost.Create(redis, _model, new Dictionary<string, string?> { ["VoiceHub:LanguageModel:MaxRetryAttempts"] = "1" });

        var response = await api.CreateClient().PostAsJsonAsync("/api/commands/parse", new { text = "do the thing with the stuff" });

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.True(_model.ChatRequests >= 1);
    }
}
