using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.LoadTest;

/// <summary>
/// The whole application started from the AppHost (as the whole-app tests do), with the API's rate
/// limits raised so the load measures the API, not the limiter; stopped when disposed.
/// </summary>
internal sealed class AppHostTarget : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly DistributedApplication _app;

    private AppHostTarget(DistributedApplication app, Uri apiAddress, string adminKey)
    {
        _app = app;
        ApiAddress = apiAddress;
        AdminKey = adminKey;
    }

    public Uri ApiAddress { get; }

    /// <summary>The Redis the app uses, to read its command counts.</summary>
    public ValueTask<string?> RedisConnectionStringAsync() => _app.GetConnectionStringAsync("cache");

    /// <summary>The bootstrap admin key this run gave the AppHost (its <c>admin-key</c> parameter), so nothing lands in user secrets.</summary>
    public string AdminKey { get; }

    public static async Task<AppHostTarget> StartAsync(int apiReplicas, IReadOnlyDictionary<string, string>? apiSettings = null)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Console.WriteLine($"Starting the AppHost ({apiReplicas} API replica(s))...");
        var adminKey = $"loadtest-{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.VoiceHub_AppHost>(
                [$"--VoiceHub:ApiReplicas={apiReplicas}", $"--Parameters:admin-key={adminKey}", $"--Parameters:frontend-key=loadtest-frontend-{Guid.NewGuid():N}"],
                // With the dashboard, as `dotnet run` has it: the services export their telemetry to it over
                // OTLP. Without it they still get an OTLP address and fail to export to it every second.
                (options, _) => options.DisableDashboard = false,
                cts.Token)
            .WaitAsync(StartTimeout);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddFilter("VoiceHub.AppHost.Resources", LogLevel.Warning)
            // Probes of resources already stopped fail during shutdown; that is not news.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
        var api = builder.CreateResourceBuilder<ProjectResource>("apiservice");
        foreach (var (key, value) in apiSettings ?? new Dictionary<string, string>())
        {
            api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        api
            .WithEnvironment("VoiceHub__RateLimiting__PermitLimit", "1000000")
            .WithEnvironment("VoiceHub__RateLimiting__CommandsPermitLimit", "1000000")
            .WithEnvironment("VoiceHub__Events__MaxStreamsPerCaller", "100000")
            .WithEnvironment("VoiceHub__Events__MaxStreamsPerReplica", "100000");

        var app = await builder.BuildAsync(cts.Token).WaitAsync(StartTimeout);
        await app.StartAsync(cts.Token).WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("apiservice", cts.Token).WaitAsync(StartTimeout);
        return new AppHostTarget(app, app.GetEndpoint("apiservice", "http"), adminKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
