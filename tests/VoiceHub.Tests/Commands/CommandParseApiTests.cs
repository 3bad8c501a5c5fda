using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Commands;

[Collection(RedisCollection.Name)]
public sealed class CommandParseApiTests(RedisServerFixture redis) : ApiTest(redis)
{

    [Fact]
    public async Task Matched_command_returns_intent_slots_confidence_stage_and_sentence()
    {
        var response = await Client.PostAsJsonAsync("/api/commands/parse", new { text = "give me data insights for data/sales.csv" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("StartWorkflow", body.GetProperty("intent").GetString());
        Assert.Equal("data-insights", body.GetProperty("slots").GetProperty("template").GetProperty("value").GetString());
        Assert.Equal("data/sales.csv", body.GetProperty("slots").GetProperty("path").GetProperty("value").GetString());
        Assert.Equal("data/sales.csv", body.GetProperty("slots").GetProperty("path").GetProperty("text").GetString());
        Assert.Equal("grammar", body.GetProperty("stage").GetString());
        Assert.InRange(body.GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.Contains("{path}", body.GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task Number_slot_is_a_json_number_with_the_words_it_came_from()
    {
        var body = await (await Client.PostAsJsonAsync("/api/commands/parse", new { text = "cancel workflow twelve" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("CancelWorkflow", body.GetProperty("intent").GetString());
        Assert.Equal(12, body.GetProperty("slots").GetProperty("number").GetProperty("value").GetInt32());
        Assert.Equal("twelve", body.GetProperty("slots").GetProperty("number").GetProperty("text").GetString());
        Assert.Equal(1.0, body.GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task Unmatched_command_returns_422_with_suggestions()
    {
        var response = await Client.PostAsJsonAsync("/api/commands/parse", new { text = "cancle workflow 12 now" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("help", problem.GetProperty("detail").GetString());
        var suggestion = problem.GetProperty("suggestions")[0];
        Assert.Equal("CancelWorkflow", suggestion.GetProperty("intent").GetString());
        Assert.False(string.IsNullOrEmpty(suggestion.GetProperty("description").GetString()));
        Assert.Equal("cancel workflow 12", suggestion.GetProperty("examples")[0].GetString());
        Assert.True(suggestion.GetProperty("score").GetDouble() > 0);
    }

    [Theory]
    [InlineData("{\"text\": \"\"}", "required")]
    [InlineData("{\"text\": \"   \"}", "required")]
    [InlineData("{}", "required")]
    [InlineData("{\"text\": \"run the tests\"", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"text\": 42}", "not valid JSON")]
    public async Task Bad_request_body_is_problem_details_400(string body, string detail)
    {
        var response = await Client.PostAsync("/api/commands/parse", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Text_over_500_characters_is_rejected_naming_the_limit()
    {
        var response = await Client.PostAsJsonAsync("/api/commands/parse", new { text = new string('a', 501) });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 500", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Intents_are_listed_with_descriptions_examples_and_slots()
    {
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/intents");

        Assert.Equal(11, page.GetProperty("total").GetInt32());
        var intents = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(
            ["CancelWorkflow", "CreateSchedule", "DeleteSchedule", "Help", "ListSchedules", "ListWorkflows", "PauseSchedule", "ResumeSchedule", "RetryWorkflow", "StartWorkflow", "WorkflowStatus"],
            intents.Keys.Order());
        var start = intents["StartWorkflow"];
        Assert.False(string.IsNullOrEmpty(start.GetProperty("description").GetString()));
        Assert.NotEqual(0, start.GetProperty("examples").GetArrayLength());
        var slots = start.GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("kind").GetString());
        Assert.Equal("list", slots["template"]);
        Assert.Equal("text", slots["path"]);
        Assert.Equal("number", intents["CancelWorkflow"].GetProperty("slots")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Intent_list_rejects_bad_paging()
    {
        var response = await Client.GetAsync("/api/intents?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_command_operations()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("ParseCommand", document.GetProperty("paths").GetProperty("/api/commands/parse").GetProperty("post").GetProperty("operationId").GetString());
        Assert.Equal("ListIntents", document.GetProperty("paths").GetProperty("/api/intents").GetProperty("get").GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task Broken_grammar_file_stops_start_up_naming_file_and_line()
    {
        var directory = Directory.CreateTempSubdirectory("voicehub-grammar-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "broken.yaml"), "intents:\n  Test:\n    description: d\n    examples: [go]\n    data:\n      - sentences:\n          - \"go (now\"\n");
            await using var factory = new ApiFactory(Redis, new Dictionary<string, string?> { ["VoiceHub:Commands:GrammarPath"] = directory.FullName });

            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            var grammarError = error as VoiceHub.ApiService.Commands.Compiler.GrammarException ?? error.InnerException as VoiceHub.ApiService.Commands.Compiler.GrammarException;
            Assert.NotNull(grammarError);
            Assert.EndsWith("broken.yaml", grammarError.File);
            Assert.Equal(7, grammarError.Line);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
