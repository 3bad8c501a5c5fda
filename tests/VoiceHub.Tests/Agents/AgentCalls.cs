using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Infrastructure;

namespace VoiceHub.Tests.Agents;

/// <summary>Runs an agent of an in-process API directly, as a workflow step would.</summary>
internal static class AgentCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static IAgent Agent(this ApiFactory factory, string name) =>
        factory.Services.GetRequiredService<AgentCatalog>().Find(name)
            ?? throw new InvalidOperationException($"No agent '{name}' is registered.");

    public static Task<AgentResult> RunAsync(this IAgent agent, string action, object inputs, int attempt = 1) =>
        agent.ExecuteAsync(
            new AgentInvocation("test-workflow", "test-step", action, JsonSerializer.SerializeToNode(inputs)!.AsObject(), attempt, NoArtifacts.Instance),
            CancellationToken.None).WaitAsync(Patience);

    private sealed class NoArtifacts : IArtifactSink
    {
        public static readonly NoArtifacts Instance = new();

        public Task SaveAsync(string name, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
