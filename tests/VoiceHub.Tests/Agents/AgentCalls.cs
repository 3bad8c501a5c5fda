using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Infrastructure;

namespace VoiceHub.Tests.Agents;

/// <summary>Calls an agent the way a workflow step does, with a time box so a hang fails the test.</summary>
internal static class AgentCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>An agent registered in an in-process API.</summary>
    public static IAgent Agent(this ApiFactory factory, string name) =>
        factory.Services.GetRequiredService<AgentCatalog>().Find(name)
            ?? throw new InvalidOperationException($"No agent '{name}' is registered.");

    public static Task<AgentResult> RunAsync(
        this IAgent agent,
        string action,
        object inputs,
        IArtifactSink? artifacts = null,
        IReadOnlyDictionary<string, StepResultView>? steps = null,
        CancellationToken cancellationToken = default) =>
        agent.ExecuteAsync(
            new AgentInvocation("wf-test", "step", action, JsonSerializer.SerializeToNode(inputs)!.AsObject(), 1, artifacts ?? new FakeArtifactSink(), steps),
            cancellationToken).WaitAsync(Patience, cancellationToken);

    public static JsonNode Out(this AgentResult result) => result.Output ?? throw new InvalidOperationException("The agent returned no output.");
}
