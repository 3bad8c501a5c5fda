using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceHub.AppHost.Redis;

/// <summary>Adds the one Redis resource of the application model, in whichever form this machine can run.</summary>
public static class CacheResourceExtensions
{
    public const string ModeSetting = "VoiceHub:Redis:Mode";

    /// <summary>Where a local redis-server keeps its AOF; default <c>.data/redis</c> beside the solution.</summary>
    public const string DataDirectorySetting = "VoiceHub:Redis:DataDirectory";

    public static bool TryAddVoiceHubCache(
        this IDistributedApplicationBuilder builder,
        string name,
        out IResourceBuilder<IResourceWithConnectionString> cache,
        out string? problem)
    {
        var resolver = new RedisModeResolver(
            () => HostProbes.ContainerRuntimeIsHealthy(
                builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]),
            () => HostProbes.FindOnPath("redis-server"));

        var choice = resolver.Resolve(builder.Configuration[ModeSetting], builder.ExecutionContext.IsPublishMode);
        problem = choice.Problem;
        cache = choice.Mode switch
        {
            RedisMode.Container => builder.AddRedis(name),
            RedisMode.Local => builder.AddLocalRedisServer(name, choice.RedisServerPath!),
            _ => null!,
        };
        return problem is null;
    }

    /// <summary>
    /// redis-server on a free loopback port with AOF persistence in <c>.data/redis</c> beside the
    /// solution (git-ignored), health-checked with PING so resources that wait for it start only
    /// when it answers. Never written to the publish manifest.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddLocalRedisServer(
        this IDistributedApplicationBuilder builder, string name, string redisServerPath)
    {
        var dataDirectory = Path.GetFullPath(
            builder.Configuration[DataDirectorySetting] is { Length: > 0 } configured
                ? configured
                : Path.Combine(builder.AppHostDirectory, "..", ".data", "redis"));
        Directory.CreateDirectory(dataDirectory);
        var port = FreeLoopbackPort();
        var connectionString = $"127.0.0.1:{port}";

        var healthCheckKey = $"{name}_redis_ping";
        builder.Services.AddHealthChecks().AddRedis(connectionString, name: healthCheckKey);

        return builder.AddResource(new RedisServerResource(name, redisServerPath, dataDirectory))
            .WithArgs(
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", dataDirectory,
                "--appendonly", "yes",
                "--save", "",
                "--protected-mode", "yes")
            .WithEndpoint(port: port, targetPort: port, name: RedisServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database")
            .ExcludeFromManifest();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
