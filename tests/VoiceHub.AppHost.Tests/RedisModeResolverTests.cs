using VoiceHub.AppHost.Redis;

namespace VoiceHub.AppHost.Tests;

public sealed class RedisModeResolverTests
{
    private static RedisModeResolver Resolver(bool runtimeHealthy, string? redisServer, Action? onProbe = null) =>
        new(() => { onProbe?.Invoke(); return runtimeHealthy; }, () => redisServer);

    [Fact]
    public void Publish_mode_is_always_the_container_even_when_forced_local()
    {
        var choice = Resolver(runtimeHealthy: false, redisServer: "/usr/bin/redis-server").Resolve("local", isPublishMode: true);

        Assert.Equal(RedisMode.Container, choice.Mode);
    }

    [Fact]
    public void Auto_prefers_a_healthy_container_runtime()
    {
        var choice = Resolver(runtimeHealthy: true, redisServer: "/usr/bin/redis-server").Resolve("auto", isPublishMode: false);

        Assert.Equal(RedisMode.Container, choice.Mode);
    }

    [Fact]
    public void Auto_falls_back_to_redis_server_when_the_runtime_is_unhealthy()
    {
        var choice = Resolver(runtimeHealthy: false, redisServer: "/usr/bin/redis-server").Resolve(null, isPublishMode: false);

        Assert.Equal(RedisMode.Local, choice.Mode);
        Assert.Equal("/usr/bin/redis-server", choice.RedisServerPath);
    }

    [Fact]
    public void Auto_with_nothing_available_gives_the_one_line_instruction()
    {
        var choice = Resolver(runtimeHealthy: false, redisServer: null).Resolve("auto", isPublishMode: false);

        Assert.Null(choice.Mode);
        Assert.Equal(RedisModeResolver.NothingAvailable, choice.Problem);
        Assert.DoesNotContain("\n", choice.Problem!);
    }

    [Fact]
    public void Forced_local_does_not_probe_the_container_runtime()
    {
        var probed = false;
        var choice = Resolver(runtimeHealthy: true, redisServer: "/usr/bin/redis-server", () => probed = true)
            .Resolve("Local", isPublishMode: false);

        Assert.Equal(RedisMode.Local, choice.Mode);
        Assert.False(probed);
    }

    [Fact]
    public void Forced_local_without_redis_server_says_what_to_install()
    {
        var choice = Resolver(runtimeHealthy: true, redisServer: null).Resolve("local", isPublishMode: false);

        Assert.Null(choice.Mode);
        Assert.Contains("redis-server", choice.Problem);
    }

    [Fact]
    public void Forced_container_is_honoured_without_probing()
    {
        var probed = false;
        var choice = Resolver(runtimeHealthy: false, redisServer: null, () => probed = true).Resolve("container", isPublishMode: false);

        Assert.Equal(RedisMode.Container, choice.Mode);
        Assert.False(probed);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("42")]
    public void Unknown_mode_names_the_setting_and_the_allowed_values(string mode)
    {
        var choice = Resolver(runtimeHealthy: true, redisServer: null).Resolve(mode, isPublishMode: false);

        Assert.Null(choice.Mode);
        Assert.Contains("VoiceHub:Redis:Mode", choice.Problem);
        Assert.Contains("auto, container or local", choice.Problem);
    }
}
