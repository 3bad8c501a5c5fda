using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceHub.Tests.Infrastructure;

/// <summary>The API in-process (WebApplicationFactory) against the fixture's real Redis.</summary>
public sealed class ApiFactory(
    RedisServerFixture redis,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
        // Suites make hundreds of requests from one address; the rate-limit tests turn limits back on.
        builder.UseSetting("VoiceHub:RateLimiting:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
