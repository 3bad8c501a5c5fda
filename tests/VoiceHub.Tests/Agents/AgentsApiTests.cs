using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Agents;

[Collection(RedisCollection.Name)]
public sealed class AgentsApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private FakeModelServer _model = null!;

    public async Task InitializeAsync() => _model = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Agents_are_listed_with_actions_and_availability()
    {
        await using var factory = new ApiFactory(redis, Settings());
        var client = factory.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>("/api/agents");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        var http = items.Single(a => a.GetProperty("name").GetString() == "http");
        Assert.True(http.GetProperty("available").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(http.GetProperty("description").GetString()));
        var request = http.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("request", request.GetProperty("name").GetString());
        Assert.Empty(request.GetProperty("requires").EnumerateArray());
        Assert.True(request.GetProperty("available").GetBoolean());
        // Nothing is reachable until listed.
        Assert.Empty(http.GetProperty("details").GetProperty("allowedHosts").EnumerateArray());
        Assert.Contains(items, a => a.GetProperty("name").GetString() == "system");
        // Without ConnectionStrings:llm there is no llm agent at all.
        Assert.DoesNotContain(items, a => a.GetProperty("name").GetString() == "llm");
    }

    [Fact]
    public async Task With_a_model_the_llm_agent_shows_its_model_and_a_closed_circuit()
    {
        await using var factory = new ApiFactory(redis, Settings(("ConnectionStrings:llm", _model.ConnectionString)));
        var client = factory.CreateClient();

        var llm = await client.GetFromJsonAsync<JsonElement>("/api/agents/llm");

        Assert.True(llm.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, llm.GetProperty("reason").ValueKind);
        Assert.Equal("closed", llm.GetProperty("details").GetProperty("circuit").GetString());
        Assert.Equal("fake-model", llm.GetProperty("details").GetProperty("model").GetString());
        var generate = llm.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("generate", generate.GetProperty("name").GetString());
        Assert.Equal(["llm"], generate.GetProperty("requires").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("test-key", await client.GetStringAsync("/api/agents"));
    }

    [Fact]
    public async Task Unknown_agent_is_a_404_problem_and_bad_paging_a_400()
    {
        await using var factory = new ApiFactory(redis, Settings());
        var client = factory.CreateClient();

        var missing = await client.GetAsync("/api/agents/nope");
        var badPage = await client.GetAsync("/api/agents?limit=0");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET /api/agents", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
