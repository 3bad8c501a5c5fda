using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.AppHost.Tests;

/// <summary>
/// The whole application started from the AppHost exactly as a developer runs it (Redis mode
/// auto: container if a runtime is healthy, else redis-server), shared by the tests of a collection.
/// </summary>
public sealed class WholeAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly string _redisDirectory = Path.Combine(Path.GetTempPath(), "voicehub-apphost-tests-" + Guid.NewGuid().ToString("N"));

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        // A local redis-server's data goes to a folder of this run, not the developer's .data/redis.
        Directory.CreateDirectory(_redisDirectory);
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.VoiceHub_AppHost>([$"--VoiceHub:Redis:DataDirectory={_redisDirectory}"], cts.Token)
            .WaitAsync(StartTimeout);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));

        App = await builder.BuildAsync(cts.Token).WaitAsync(StartTimeout);
        await App.StartAsync(cts.Token).WaitAsync(StartTimeout);

        foreach (var resource in new[] { "cache", "apiservice", "webfrontend" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token).WaitAsync(StartTimeout);
        }
    }

    public HttpClient CreateHttpClient(string resource)
    {
        var client = App.CreateHttpClient(resource);
        client.Timeout = RequestTimeout;
        return client;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }

        if (Directory.Exists(_redisDirectory))
        {
            Directory.Delete(_redisDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<WholeAppFixture>
{
    public const string Name = "whole app";
}
