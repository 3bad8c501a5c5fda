using VoiceHub.ApiService.Agents;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Stores an agent's files with the workflow, and tells the run, which lists their names in its state.</summary>
internal sealed class WorkflowArtifactSink(WorkflowStore store, string workflowId, Action<string> saved) : IArtifactSink
{
    public async Task SaveAsync(string name, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.Contains('\\') || name.Length > 100)
        {
            throw new NonRetryableAgentException($"Artifact name '{name}' must be 1-100 characters without slashes.");
        }

        await store.SaveArtifactAsync(workflowId, name, contentType, content);
        saved(name);
    }
}
