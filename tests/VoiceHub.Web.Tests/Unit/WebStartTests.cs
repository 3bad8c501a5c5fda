using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Web.Tests.Unit;

/// <summary>
/// The web built in-process as Program.cs builds it (against a real redis-server, no API): its Redis
/// client and what it refuses to start without.
/// </summary>
public sealed class WebStartTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string FrontendKey = "frontend-key-of-the-tests-0123456789abcdef";

    private WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        settings["ConnectionStrings:cache"] = redis.ConnectionString;
        settings["urls"] = "http://127.0.0.1:0";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddWebFrontend();
        return builder.Build();
    }

    [Fact]
    public async Task The_web_multiplexer_runs_its_sockets_on_the_thread_pool_as_the_api_does()
    {
        await using var app = Build(new() { ["VoiceHub:Auth:FrontendKey"] = FrontendKey });

        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var options = app.Services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;

        await multiplexer.GetDatabase().PingAsync().WaitAsync(Patience.Request);
        Assert.Same(SocketManager.ThreadPool, options.SocketManager);
    }

    [Fact]
    public async Task Without_its_frontend_key_the_web_refuses_to_start_and_names_the_setting()
    {
        await using var app = Build([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(Patience.AppStart));

        Assert.Contains("VoiceHub:Auth:FrontendKey is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_its_frontend_key_the_web_starts()
    {
        await using var app = Build(new() { ["VoiceHub:Auth:FrontendKey"] = FrontendKey });

        await app.StartAsync().WaitAsync(Patience.AppStart);
        await app.StopAsync().WaitAsync(Patience.AppStart);
    }
}
