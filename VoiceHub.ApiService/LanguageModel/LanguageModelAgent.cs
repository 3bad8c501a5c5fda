using System.ClientModel;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using VoiceHub.ApiService.Agents;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// The <c>llm</c> agent: <c>generate</c> sends a task's system prompt and the step's prompt to the
/// configured model through <see cref="IChatClient"/>. Registered only when a model is configured.
/// </summary>
public sealed class LanguageModelAgent(IChatClient chat, LanguageModelStatus status, IOptions<LanguageModelOptions> options) : IAgent, IReportsAvailability
{
    public string Name => "llm";

    public string Description => "Generates designs, code, tests and prose with the configured language model.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("generate", $"Answers `prompt` as the `task` asks ({TaskPrompts.Names}); output: text, model, tokens.", ["llm"]),
    ];

    public AgentAvailability Availability
    {
        get
        {
            var details = new JsonObject
            {
                ["model"] = status.Model,
                ["endpoint"] = status.Endpoint,
                ["circuit"] = status.Circuit.ToText(),
            };
            if (status.OpenUntil is { } until)
            {
                details["openUntil"] = until;
            }

            return new AgentAvailability(status.IsAcceptingCalls, status.UnavailableReason, details);
        }
    }

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        var (task, systemPrompt, prompt) = ReadRequest(invocation);

        // Fail fast: a retry of the step cannot help while the circuit is open.
        if (status.UnavailableReason is { } reason)
        {
            throw new NonRetryableAgentException(reason);
        }

        var response = await GenerateAsync(systemPrompt, prompt, cancellationToken);
        var text = response.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"The language model returned no text (finish reason: {response.FinishReason?.Value ?? "unknown"}).");
        }

        var output = new JsonObject
        {
            ["text"] = text,
            ["model"] = response.ModelId ?? status.Model,
            ["task"] = task.ToLowerInvariant(),
        };
        if (response.Usage is { } usage)
        {
            output["tokens"] = new JsonObject
            {
                ["input"] = usage.InputTokenCount,
                ["output"] = usage.OutputTokenCount,
                ["total"] = usage.TotalTokenCount,
            };
        }

        return new AgentResult(output, $"Generated {text.Length} characters ({task}) with {output["model"]}.");
    }

    /// <summary>The step's task (with its system prompt) and prompt; anything missing fails the step at once.</summary>
    private static (string Task, string SystemPrompt, string Prompt) ReadRequest(AgentInvocation invocation)
    {
        if (!string.Equals(invocation.Action, "generate", StringComparison.OrdinalIgnoreCase))
        {
            throw new NonRetryableAgentException($"The llm agent has no action '{invocation.Action}'; it offers 'generate'.");
        }

        var task = invocation.GetString("task") ?? "prose";
        if (!TaskPrompts.ByTask.TryGetValue(task, out var systemPrompt))
        {
            throw new NonRetryableAgentException($"task must be one of {TaskPrompts.Names}; got '{task}'.");
        }

        if (invocation.GetString("prompt") is not { } prompt || string.IsNullOrWhiteSpace(prompt))
        {
            throw new NonRetryableAgentException("prompt is required: the text the model should answer.");
        }

        return (task, systemPrompt, prompt);
    }

    /// <summary>One generation through the resilience pipeline, its failures sorted into retryable or not.</summary>
    private async Task<ChatResponse> GenerateAsync(string systemPrompt, string prompt, CancellationToken cancellationToken)
    {
        try
        {
            return await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, systemPrompt), new ChatMessage(ChatRole.User, prompt)],
                new ChatOptions { MaxOutputTokens = options.Value.MaxOutputTokens },
                cancellationToken);
        }
        catch (Exception e) when (Find<BrokenCircuitException>(e) is not null)
        {
            // Open: retrying the step cannot help before the break ends. Half-open: another call is the trial,
            // so this one is refused for now and the step's retry may well succeed.
            throw status.Circuit == CircuitStatus.HalfOpen
                ? new InvalidOperationException("The language model circuit is half-open and its trial call is in flight; retry shortly.", e)
                : new NonRetryableAgentException(status.UnavailableReason ?? "the language model is unavailable: circuit open.", e);
        }
        catch (ClientResultException e) when (e.Status is 400 or 401 or 403 or 404 or 422)
        {
            // A rejected key, an unknown model or a malformed request stays so on every retry.
            throw new NonRetryableAgentException($"The language model refused the request ({e.Status}): {e.Message}", e);
        }
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
