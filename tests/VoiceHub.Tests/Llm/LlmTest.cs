using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Llm;

/// <summary>An API test whose language model is a fake OpenAI-compatible server started for each test.</summary>
public abstract class LlmTest(RedisServerFixture redis) : ApiTest(redis)
{
    protected FakeModelServer Model { get; private set; } = null!;

    protected override async Task StartingAsync() => Model = await FakeModelServer.StartAsync();

    protected override ApiFactory CreateApi() => LlmTestHost.Create(Redis, Model, Settings());

    protected override async Task StoppedAsync() => await Model.DisposeAsync();
}
