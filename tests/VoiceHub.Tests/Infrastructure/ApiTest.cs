using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Infrastructure;

/// <summary>
/// A test class with the API in-process: one <see cref="Api"/> (its own Redis key prefix) and one
/// <see cref="Client"/> per test, disposed after it. Override <see cref="Settings"/> to configure
/// the API, <see cref="StartingAsync"/> / <see cref="StoppedAsync"/> for what a test needs around it.
/// </summary>
public abstract class ApiTest(RedisServerFixture redis) : IAsyncLifetime
{
    protected RedisServerFixture Redis => redis;

    protected ApiFactory Api { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings of this class's API (the factory adds the key prefix, fast polling and no rate limits).</summary>
    protected virtual Dictionary<string, string?> Settings() => [];

    protected virtual ApiFactory CreateApi() => new(redis, Settings());

    /// <summary>Runs before the API is built (start a fake server it will call, write files it will read).</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Runs after the API is gone (stop fakes, delete files).</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await StartingAsync();
        Api = CreateApi();
        Client = Api.CreateTimedClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await StoppedAsync();
    }
}
