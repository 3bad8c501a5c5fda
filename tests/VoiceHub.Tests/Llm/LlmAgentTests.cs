using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.Tests.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

[Collection(RedisCollection.Name)]
public sealed class LlmAgentTests(RedisServerFixture redis) : LlmTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:LanguageModel:MaxRetryAttempts"] = "3",
        // High enough that the retry tests never open the circuit.
        ["VoiceHub:LanguageModel:MinimumThroughput"] = "100",
    };

    [Fact]
    public async Task Generate_returns_the_models_completion_with_model_and_tokens()
    {
        Model.Completion = "GET /todos returns 200";

        var result = await Api.Agent("llm").RunAsync("generate", new { task = "design", prompt = "todo api" });

        Assert.Equal("GET /todos returns 200", result.Output!["text"]!.GetValue<string>());
        Assert.Equal("fake-model", result.Output["model"]!.GetValue<string>());
        Assert.Equal(15, result.Output["tokens"]!["total"]!.GetValue<long>());
        Assert.Equal(1, Model.ChatRequests);
    }

    [Fact]
    public async Task Each_task_sends_its_own_system_prompt_and_the_step_prompt()
    {
        await Api.Agent("llm").RunAsync("generate", new { task = "tests", prompt = "write tests for X" });

        var messages = Model.LastChatRequest!.Value.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal(TaskPrompts.ByTask["tests"], messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("write tests for X", messages[1].GetProperty("content").GetString());
        Assert.Equal("fake-model", Model.LastChatRequest.Value.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_model_answers()
    {
        Model.FailNext(2);

        var result = await Api.Agent("llm").RunAsync("generate", new { task = "code", prompt = "hello world" });

        Assert.Equal("canned completion", result.Output!["text"]!.GetValue<string>());
        Assert.Equal(3, Model.ChatRequests);
    }

    [Fact]
    public async Task Errors_past_the_retries_are_left_for_the_steps_retry_policy()
    {
        Model.FailWith = 503;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Api.Agent("llm").RunAsync("generate", new { prompt = "x" }));

        Assert.IsNotType<NonRetryableAgentException>(error);
        Assert.Equal(4, Model.ChatRequests);
    }

    [Fact]
    public async Task A_slow_answer_times_out_per_attempt_and_is_retried()
    {
        Model.Delay = TimeSpan.FromSeconds(1);
        await using var factory = LlmTestHost.Create(Redis, Model, new Dictionary<string, string?>
        {
            ["VoiceHub:LanguageModel:AttemptTimeout"] = "00:00:00.200",
            ["VoiceHub:LanguageModel:MaxRetryAttempts"] = "1",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => factory.Agent("llm").RunAsync("generate", new { prompt = "x" }));

        Assert.IsNotType<NonRetryableAgentException>(error);
        Assert.Equal(2, Model.ChatRequests);
    }

    [Fact]
    public async Task A_rejected_key_is_not_retried()
    {
        Model.FailWith = 401;

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => Api.Agent("llm").RunAsync("generate", new { prompt = "x" }));

        Assert.Contains("401", error.Message);
        Assert.Equal(1, Model.ChatRequests);
    }

    [Theory]
    [InlineData("poetry", "hi", "task must be one of")]
    [InlineData("code", "  ", "prompt is required")]
    public async Task Bad_inputs_fail_without_calling_the_model(string task, string prompt, string message)
    {
        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => Api.Agent("llm").RunAsync("generate", new { task, prompt }));

        Assert.Contains(message, error.Message);
        Assert.Equal(0, Model.ChatRequests);
    }

    [Fact]
    public void The_chat_client_is_there_for_other_features_and_the_status_says_configured()
    {
        Assert.NotNull(Api.Services.GetService<IChatClient>());
        var status = Api.Services.GetRequiredService<LanguageModelStatus>();
        Assert.True(status.IsConfigured);
        Assert.True(status.IsAcceptingCalls);
        Assert.Equal("fake-model", status.Model);
        Assert.Equal(CircuitStatus.Closed, status.Circuit);
    }
}
