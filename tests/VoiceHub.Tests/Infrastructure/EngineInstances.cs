using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Workflows;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Infrastructure;

/// <summary>
/// API instances sharing one workflow engine set-up, as the engine suites start them: a key prefix of their
/// own (so instances started from one set share a queue), the test templates in a temporary folder, fast
/// heartbeats and claims (a stopped instance's work is taken over within a second), and an optional agent
/// (the tests' probe) registered beside the shipped ones. Disposing deletes the template folder.
/// </summary>
public sealed class EngineInstances(RedisServerFixture redis, string prefixStem) : IDisposable
{
    private readonly string _templates = TestTemplates.WriteFolder();

    /// <summary>The Redis key prefix of every instance of this set.</summary>
    public string Prefix { get; } = $"{prefixStem}-{Guid.NewGuid():N}:";

    /// <summary>A new API instance of this set; <paramref name="extra"/> settings override or add to the engine's.</summary>
    public ApiFactory Start(IAgent? probe = null, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [ApiFactory.KeyPrefixSetting] = Prefix,
            ["VoiceHub:Workflows:ExtraTemplatesPath"] = _templates,
            ["VoiceHub:Workflows:HeartbeatInterval"] = "00:00:00.200",
            ["VoiceHub:Workflows:ClaimIdleTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new(redis, settings, collection =>
        {
            if (probe is not null)
            {
                collection.AddSingleton(probe);
            }

            services?.Invoke(collection);
        });
    }

    public void Dispose() => Directory.Delete(_templates, recursive: true);
}
