using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceHub.AppHost.Redis;

/// <summary>Adds the one Redis resource of the application model, in whichever form this machine can run.</summary>
public static class CacheResourceExtensions
{
    public const string ModeSetting = "VoiceHub:Redis:Mode";

    /// <summary>Where a local redis-server keeps its AOF; default under the user's local data folder (<see cref="RedisDataDirectory"/>).</summary>
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
            RedisMode.Container => builder.AddRedis(name).WithDataVolume().WithAppendOnlyFile(),
            RedisMode.Local => builder.AddLocalRedisServer(name, choice.RedisServerPath!),
            _ => null!,
        };
        return problem is null;
    }

    /// <summary>
    /// redis-server on a free loopback port with a generated password and AOF persistence in the user's
    /// local data folder (outside the workspace), health-checked with PING so resources that wait for
    /// it start only when it answers. Never written to the publish manifest.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddLocalRedisServer(
        this IDistributedApplicationBuilder builder, string name, string redisServerPath)
    {
        var dataDirectory = RedisDataDirectory.Resolve(builder.Configuration[DataDirectorySetting], builder.AppHostDirectory);
        Directory.CreateDirectory(dataDirectory);
        var configFile = Path.Combine(dataDirectory, "voicehub-redis.conf");
        var port = FreeLoopbackPort();
        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);
        var resource = new RedisServerResource(name, redisServerPath, dataDirectory, password.Resource);

        string? connectionString = null;
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, cancellationToken) =>
        {
            // The password goes in a file only this user can read, not on a command line anyone can list.
            var secret = await password.Resource.GetValueAsync(cancellationToken);
            await WritePrivateFileAsync(configFile, $"requirepass {secret}\n", cancellationToken);
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
        });
        var healthCheckKey = $"{name}_redis_ping";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("redis-server has not started yet."), name: healthCheckKey);

        return builder.AddResource(resource)
            .WithArgs(
                configFile,
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

    /// <summary>
    /// Tells a project that reads a workspace (the API's agents) to treat a local redis-server's data
    /// folder as private, wherever <see cref="DataDirectorySetting"/> put it. Nothing to do for a container.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCacheDataKeptPrivate(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> cache) =>
        cache.Resource is RedisServerResource local
            ? project.WithEnvironment("VoiceHub__Workspace__ProtectedFolders__0", local.WorkingDirectory)
            : project;

    /// <summary>
    /// Turns on the append-only file next to the snapshots <c>WithDataVolume</c> enables, so a restart
    /// loses at most a second of writes. The container runs <c>sh -c "redis-server ..."</c> when
    /// published, so the option joins that command line; otherwise it is two more arguments.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithAppendOnlyFile(this IResourceBuilder<RedisResource> redis) =>
        redis.WithArgs(context =>
        {
            var script = context.Args.Select((a, i) => (a, i)).LastOrDefault(x => x.a is string s && s.StartsWith("redis-server", StringComparison.Ordinal));
            if (script.a is string command && script.i > 0 && context.Args[script.i - 1] is "-c")
            {
                context.Args[script.i] = command + " --appendonly yes";
            }
            else
            {
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
            }
        });

    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
