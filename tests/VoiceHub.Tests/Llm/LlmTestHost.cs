using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

/// <summary>An in-process API whose language model is the fake server, with fast resilience settings.</summary>
internal static class LlmTestHost
{
    public static ApiFactory Create(RedisServerFixture redis, FakeModelServer model, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:llm"] = model.ConnectionString,
            ["VoiceHub:LanguageModel:RetryDelay"] = "00:00:00.010",
            ["VoiceHub:LanguageModel:AttemptTimeout"] = "00:00:05",
            ["VoiceHub:LanguageModel:Timeout"] = "00:00:20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiFactory(redis, all);
    }
}
