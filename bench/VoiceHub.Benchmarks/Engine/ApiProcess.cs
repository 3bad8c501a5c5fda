using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace VoiceHub.Benchmarks.Engine;

/// <summary>
/// The API as its own process (the Release build of VoiceHub.ApiService), on a free loopback port,
/// with a throwaway bootstrap admin key and the rate limits raised so the run measures the engine,
/// not the limiter (or off: the limiters still cost Redis a script each per request). Stopped when disposed.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri address, string adminKey)
    {
        _process = process;
        Address = address;
        AdminKey = adminKey;
    }

    public Uri Address { get; }

    public string AdminKey { get; }

    public static async Task<ApiProcess> StartAsync(string redis, string prefix, int concurrency, bool rateLimits = true)
    {
        var dll = FindApiBuild();
        var port = BenchRedis.FreePort();
        var adminKey = $"bench-{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__cache"] = redis,
            ["VoiceHub__Redis__KeyPrefix"] = prefix,
            ["VoiceHub__Auth__BootstrapAdminKey"] = adminKey,
            ["VoiceHub__Workflows__MaxConcurrentWorkflows"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["VoiceHub__RateLimiting__PermitLimit"] = "100000000",
            ["VoiceHub__RateLimiting__CommandsPermitLimit"] = "100000000",
            ["VoiceHub__RateLimiting__Enabled"] = rateLimits ? "true" : "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("api: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"), adminKey);
        await api.WaitUntilHealthyAsync();
        return api;
    }

    public HttpClient CreateClient(int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited at start (code {_process.ExitCode}); see the 'api:' lines above.");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The API did not become healthy within 60 s.");
    }

    /// <summary>The Release build next to the sources: bench/…/bin → repository root → VoiceHub.ApiService/bin/Release.</summary>
    /// <remarks>
    /// VOICEHUB_BENCH_API overrides it with another build's VoiceHub.ApiService.dll, for before/after
    /// runs that alternate two builds under the same machine load.
    /// </remarks>
    private static string FindApiBuild()
    {
        if (Environment.GetEnvironmentVariable("VOICEHUB_BENCH_API") is { Length: > 0 } other)
        {
            return File.Exists(other) ? other : throw new FileNotFoundException($"VOICEHUB_BENCH_API names no file: {other}");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VoiceHub.sln")))
            {
                var dll = Path.Combine(folder.FullName, "VoiceHub.ApiService", "bin", "Release", "net10.0", "VoiceHub.ApiService.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"No Release build of the API at {dll}: run dotnet build -c Release VoiceHub.ApiService first.");
            }
        }

        throw new DirectoryNotFoundException("Run the benchmark from the repository (VoiceHub.sln not found above the benchmark's folder).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        _process.Dispose();
    }
}
