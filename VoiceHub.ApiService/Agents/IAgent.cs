using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents;

/// <summary>An agent does the work of workflow steps; each step names one of its actions.</summary>
public interface IAgent
{
    /// <summary>Name used by templates (<c>agent: git</c>).</summary>
    string Name { get; }

    string Description { get; }

    IReadOnlyList<AgentAction> Actions { get; }

    /// <summary>
    /// Runs one attempt of an action. Throw <see cref="NonRetryableAgentException"/> for errors a
    /// retry cannot fix (bad input, refused path); any other exception is retried per the step's policy.
    /// The token is canceled on step timeout and on workflow cancellation.
    /// </summary>
    Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>An action an agent offers, and what it needs (e.g. "llm").</summary>
public sealed record AgentAction(string Name, string Description, IReadOnlyList<string>? Requires = null);

/// <summary>
/// What a step hands to its agent. <paramref name="Steps"/> holds the other steps of the workflow
/// by id (copies, so an agent cannot change them); null when the caller has none to give.
/// </summary>
public sealed record AgentInvocation(
    string WorkflowId,
    string StepId,
    string Action,
    JsonObject Inputs,
    int Attempt,
    IArtifactSink Artifacts,
    IReadOnlyDictionary<string, StepResultView>? Steps = null)
{
    public string? GetString(string name) => Inputs[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : Inputs[name]?.ToJsonString();
}

/// <summary>What an action produced: a JSON output later steps can reference, a one-line summary, logs.</summary>
public sealed record AgentResult(JsonNode? Output, string Summary, IReadOnlyList<string>? Logs = null);

/// <summary>Lets an agent store a file (report, chart) with the workflow.</summary>
public interface IArtifactSink
{
    Task SaveAsync(string name, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>An error that retrying cannot fix: the step fails at once.</summary>
public class NonRetryableAgentException(string message, Exception? inner = null) : Exception(message, inner);
