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

    /// <summary>The AppHost's generated secret parameters; tests give them values so nothing lands in user secrets.</summary>
    public const string AdminKeyParameter = "admin-key";
    public const string FrontendKeyParameter = "frontend-key";

    private WholeApp(DistributedApplication app, string redisDirectory, string adminKey, string frontendKey)
    {
        App = app;
        _redisDirectory = redisDirectory;
        AdminKey = adminKey;
        FrontendKey = frontendKey;
    }

    public DistributedApplication App { get; }

    /// <summary>The bootstrap admin key the API was started with (read back from the AppHost's parameter).</summary>
    public string AdminKey { get; }

    /// <summary>The web frontend's service key (read back from the AppHost's parameter).</summary>
    public string FrontendKey { get; }

    /// <summary>Builds, starts and waits until every resource is healthy.</summary>
    /// <param name="configure">Changes to the model before it starts (e.g. an environment variable for one project).</param>
    public static async Task<WholeApp> StartAsync<TAppHost>(Action<IDistributedApplicationTestingBuilder>? configure = null)
        where TAppHost : class
    {
        using var cts = new CancellationTokenSource(Patience.AppStart);
        var redisDirectory = Directory.CreateTempSubdirectory("voicehub-wholeapp-").FullName;
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<TAppHost>(
            [
                $"--VoiceHub:Redis:DataDirectory={redisDirectory}",
                $"--Parameters:{AdminKeyParameter}=admin-{Guid.NewGuid():N}{Guid.NewGuid():N}",
                $"--Parameters:{FrontendKeyParameter}=frontend-{Guid.NewGuid():N}{Guid.NewGuid():N}",
            ], cts.Token)
            .WaitAsync(Patience.AppStart);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        configure?.Invoke(builder);

        var app = await builder.BuildAsync(cts.Token).WaitAsync(Patience.AppStart);
        var started = new WholeApp(app, redisDirectory,
            await ParameterAsync(builder, AdminKeyParameter, cts.Token), await ParameterAsync(builder, FrontendKeyParameter, cts.Token));
        await app.StartAsync(cts.Token).WaitAsync(Patience.AppStart);
        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token).WaitAsync(Patience.AppStart);
        }

        return started;
    }

    /// <summary>A client of a resource's endpoint, with a request timeout; the API's clients sign in as the bootstrap admin.</summary>
    public HttpClient CreateHttpClient(string resource, string? endpoint = null, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? App.CreateHttpClient(resource, endpoint) : new HttpClient(handler);
        client.BaseAddress ??= App.GetEndpoint(resource, endpoint ?? "http");
        client.Timeout = Patience.Request;
        return resource == "apiservice" ? TestIdentity.SignIn(client, AdminKey) : client;
    }

    private static async Task<string> ParameterAsync(IDistributedApplicationTestingBuilder builder, string name, CancellationToken cancellationToken) =>
        await builder.Resources.OfType<ParameterResource>().Single(p => p.Name == name).GetValueAsync(cancellationToken).AsTask().WaitAsync(Patience.AppStart)
        ?? throw new InvalidOperationException($"The AppHost's parameter '{name}' has no value.");

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
