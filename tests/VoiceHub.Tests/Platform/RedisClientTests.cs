using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Platform;

/// <summary>
/// The API's Redis client: socket completions on .NET's thread pool, not StackExchange.Redis's own
/// scheduler (whose queue lock was nearly every lock contention under the load test).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClientTests(RedisServerFixture redis)
{
    [Fact]
    public async Task The_api_multiplexer_runs_its_sockets_on_the_thread_pool()
    {
        await using var api = new ApiFactory(redis);
        var services = api.Services;

        var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
        var options = services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;

        await multiplexer.GetDatabase().PingAsync().WaitAsync(Patience.Request);
        Assert.Same(SocketManager.ThreadPool, options.SocketManager);
    }
}
