using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.Tests.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

[Collection(RedisCollection.Name)]
public sealed class LlmCircuitBreakerTests(RedisServerFixture redis) : LlmTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        // One generation = 2 attempts; both failing opens the circuit.
        ["VoiceHub:LanguageModel:MaxRetryAttempts"] = "1",
        ["VoiceHub:LanguageModel:MinimumThroughput"] = "2",
        ["VoiceHub:LanguageModel:FailureRatio"] = "0.5",
        ["VoiceHub:LanguageModel:SamplingDuration"] = "00:00:30",
        ["VoiceHub:LanguageModel:BreakDuration"] = "00:00:01",
    };

    [Fact]
    public async Task Repeated_failures_open_the_circuit_steps_fail_fast_and_it_closes_after_the_break()
    {
        var agent = Api.Agent("llm");
        var status = Api.Services.GetRequiredService<LanguageModelStatus>();
        var client = Api.CreateClient();
        Model.FailWith = 500;

        await Assert.ThrowsAnyAsync<Exception>(() => agent.RunAsync("generate", new { prompt = "one" }));

        Assert.Equal(2, Model.ChatRequests);
        Assert.Equal(CircuitStatus.Open, status.Circuit);
        Assert.NotNull(status.OpenUntil);

        // Open: the next step fails at once, without a call, saying why and until when.
        var fast = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("generate", new { prompt = "two" }));
        Assert.Contains("the language model is unavailable: circuit open until", fast.Message);
        Assert.Equal(2, Model.ChatRequests);

        // Callers of IChatClient itself see the breaker's refusal, not a call to the model.
        var chat = Api.Services.GetRequiredService<IChatClient>();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("direct"));
        Assert.Contains(Chain(refused), e => e is BrokenCircuitException);
        Assert.Equal(2, Model.ChatRequests);

        var health = await LanguageModelHealthAsync(client);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var agents = await client.GetFromJsonAsync<JsonElement>("/api/agents/llm");
        Assert.False(agents.GetProperty("available").GetBoolean());
        Assert.Equal("open", agents.GetProperty("details").GetProperty("circuit").GetString());
        Assert.Contains("circuit open until", agents.GetProperty("reason").GetString());

        // After the break a trial call goes through; its success closes the circuit.
        Model.FailWith = null;
        await WaitUntilAsync(() => status.Circuit != CircuitStatus.Open);
        var result = await agent.RunAsync("generate", new { prompt = "three" });

        Assert.Equal("canned completion", result.Output!["text"]!.GetValue<string>());
        Assert.Equal(CircuitStatus.Closed, status.Circuit);
        Assert.Null(status.OpenUntil);
        Assert.Equal("Healthy", (await LanguageModelHealthAsync(client)).GetProperty("status").GetString());
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static async Task<JsonElement> LanguageModelHealthAsync(HttpClient client)
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/health");
        return report.GetProperty("checks").GetProperty(LanguageModelHealthCheck.Name);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(AgentCalls.Patience);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
