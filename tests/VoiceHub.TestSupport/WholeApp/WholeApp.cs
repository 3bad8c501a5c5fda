using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.TestSupport.WholeApp;

/// <summary>
/// The whole application started from the AppHost exactly as a developer runs it (Redis mode auto:
/// container if a runtime is healthy, else redis-server), for the whole-app and browser tests.
/// A local redis-server keeps its data in a folder of this run, deleted at the end; every wait is
/// time-boxed.
/// </summary>
public sealed class WholeApp : IAsyncDisposable
{
    public static readonly string[] Resources = ["cache", "apiservice", "webfrontend"];

    private readonly string _redisDirectory;

    private WholeApp(DistributedApplication app, string redisDirectory)
    {
        App = app;
        _redisDirectory = redisDirectory;
    }

    public DistributedApplication App { get; }

    /// <summary>Builds, starts and waits until every resource is healthy.</summary>
    /// <param name="configure">Changes to the model before it starts (e.g. an environment variable for one project).</param>
    public static async Task<WholeApp> StartAsync<TAppHost>(Action<IDistributedApplicationTestingBuilder>? configure = null)
        where TAppHost : class
    {
        using var cts = new CancellationTokenSource(Patience.AppStart);
        var redisDirectory = Directory.CreateTempSubdirectory("voicehub-wholeapp-").FullName;
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<TAppHost>([$"--VoiceHub:Redis:DataDirectory={redisDirectory}"], cts.Token)
            .WaitAsync(Patience.AppStart);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        configure?.Invoke(builder);

        var app = await builder.BuildAsync(cts.Token).WaitAsync(Patience.AppStart);
        var started = new WholeApp(app, redisDirectory);
        await app.StartAsync(cts.Token).WaitAsync(Patience.AppStart);
        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token).WaitAsync(Patience.AppStart);
        }

        return started;
    }

    /// <summary>A client of a resource's endpoint, with a request timeout.</summary>
    public HttpClient CreateHttpClient(string resource, string? endpoint = null, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? App.CreateHttpClient(resource, endpoint) : new HttpClient(handler);
        client.BaseAddress ??= App.GetEndpoint(resource, endpoint ?? "http");
        client.Timeout = Patience.Request;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        if (Directory.Exists(_redisDirectory))
        {
            Directory.Delete(_redisDirectory, recursive: true);
        }
    }
}
