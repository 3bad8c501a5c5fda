using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.TestSupport.Api;

/// <summary>
/// The API in-process (WebApplicationFactory) against a real Redis. Each factory writes under a
/// Redis key prefix of its own (<see cref="KeyPrefix"/>), so tests share one server without seeing
/// or flushing each other's data; workers poll quickly and rate limits are off unless a test's
/// settings say otherwise. Clients are signed in as the bootstrap admin (<see cref="TestIdentity"/>).
/// </summary>
public class ApiFactory<TEntryPoint>(
    RedisServerFixture redis,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string KeyPrefixSetting = "VoiceHub:Redis:KeyPrefix";

    /// <summary>Settings every test gets unless it gives its own value.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // Suites make hundreds of requests from one address; the rate-limit tests turn limits back on.
        ["VoiceHub:RateLimiting:Enabled"] = "false",
        ["VoiceHub:Workflows:PollInterval"] = "00:00:00.100",
        // The test server has no address to call; the warm-up tests start Kestrel and turn it on.
        ["VoiceHub:WarmUp:Enabled"] = "false",
        [TestIdentity.AdminKeySetting] = TestIdentity.AdminKey,
        [TestIdentity.FrontendKeySetting] = TestIdentity.FrontendKey,
    };

    /// <summary>The prefix of every Redis key this API writes.</summary>
    public string KeyPrefix { get; } = settings?.TryGetValue(KeyPrefixSetting, out var given) == true && given is not null
        ? given
        : TestKeys.NewPrefix();

    public RedisServerFixture Redis => redis;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
        builder.UseSetting(KeyPrefixSetting, KeyPrefix);
        foreach (var (key, value) in Defaults.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>
    /// Every client signs in as the bootstrap admin, so tests of other features need not think
    /// about identity; tests of identity remove or replace the header.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        TestIdentity.SignInAsAdmin(client);
    }

    /// <summary>A client with a request timeout, so a hung request fails the test instead of stalling it.</summary>
    public HttpClient CreateTimedClient()
    {
        var client = CreateClient();
        client.Timeout = Patience.Request;
        return client;
    }
}

/// <summary>Redis key prefixes for tests.</summary>
public static class TestKeys
{
    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";
}
