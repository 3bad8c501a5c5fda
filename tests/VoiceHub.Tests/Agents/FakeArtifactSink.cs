using System.Collections.Concurrent;
using System.Text;
using VoiceHub.ApiService.Agents;

namespace VoiceHub.Tests.Agents;

/// <summary>Keeps saved artifacts in memory so tests can read them back.</summary>
public sealed class FakeArtifactSink : IArtifactSink
{
    public ConcurrentDictionary<string, (string ContentType, byte[] Content)> Saved { get; } = new();

    public string Text(string name) => Encoding.UTF8.GetString(Saved[name].Content);

    public Task SaveAsync(string name, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Saved[name] = (contentType, content.ToArray());
        return Task.CompletedTask;
    }
}
