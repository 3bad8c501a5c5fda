using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

/// <summary>A template that needs the model, through the workflow API, with and without a model configured.</summary>
[Collection(RedisCollection.Name)]
public sealed class LlmTemplateApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _templates = Directory.CreateTempSubdirectory("voicehub-llm-templates-").FullName;
    private FakeModelServer _model = null!;

    public async Task InitializeAsync()
    {
        _model = await FakeModelServer.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_templates, "summarise-url.yaml"), """
            id: test-summarise-url
            name: Summarise a URL
            description: fetches an allow-listed URL and has the model summarise it
            category: test
            requires: [llm]
            inputs:
              - name: url
                type: url
                required: true
            steps:
              - id: fetch
                agent: http
                action: request
                with: { url: "${inputs.url}" }
              - id: summarise
                agent: llm
                action: generate
                with:
                  task: summary
                  prompt: "Summarise: ${steps.fetch.output.body}"
                retry: { maxAttempts: 2, initialInterval: 10ms }
            """);
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        Directory.Delete(_templates, recursive: true);
    }

    [Fact]
    public async Task Without_a_model_the_template_is_refused_with_422_and_nothing_llm_is_registered()
    {
        await using var factory = new ApiFactory(redis, Settings());
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/workflows",
            new { templateId = "test-summarise-url", inputs = new { url = new Uri(_model.BaseAddress, "text/10").ToString() } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var template = await client.GetFromJsonAsync<JsonElement>("/api/templates/test-summarise-url");
        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("ConnectionStrings:llm", problem.GetProperty("detail").GetString());
        Assert.False(template.GetProperty("available").GetBoolean());
        Assert.Null(factory.Services.GetService<IChatClient>());
        Assert.False(factory.Services.GetRequiredService<LanguageModelStatus>().IsConfigured);
        Assert.False(health.GetProperty("checks").TryGetProperty(LanguageModelHealthCheck.Name, out _));
        Assert.Equal(0, _model.ChatRequests);
    }

    [Fact]
    public async Task With_a_model_the_template_is_accepted_and_its_steps_use_the_model()
    {
        _model.Completion = "A page of ten letters a.";
        await using var factory = new ApiFactory(redis, Settings(("ConnectionStrings:llm", _model.ConnectionString)));
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/workflows",
            new { templateId = "test-summarise-url", inputs = new { url = new Uri(_model.BaseAddress, "text/10").ToString() } });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var done = await client.WaitForStatusAsync(created.Id(), "Completed", "Failed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(200, done.Step("fetch").GetProperty("output").GetProperty("status").GetInt32());
        Assert.Equal("A page of ten letters a.", done.Step("summarise").GetProperty("output").GetProperty("text").GetString());
        var prompt = _model.LastChatRequest!.Value.GetProperty("messages")[1].GetProperty("content").GetString();
        Assert.Equal("Summarise: aaaaaaaaaa", prompt);
    }

    private Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["VoiceHub:Workflows:ExtraTemplatesPath"] = _templates,
            // The http agent reaches loopback only when the address and port are listed.
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = _model.BaseAddress.Authority,
            ["VoiceHub:LanguageModel:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
