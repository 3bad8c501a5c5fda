using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.LoadTest;

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

await using var target = options.AppHost
    ? await AppHostTarget.StartAsync(options.ApiReplicas, options.ApiSettings)
    : null;
var baseAddress = target?.ApiAddress ?? options.Url!;
LoadTestOptions.RequireLoopback(baseAddress);
Console.WriteLine($"Target: {baseAddress}");
if (options.SseClients is { } sseRounds)
{
    if (target is null || await target.RedisConnectionStringAsync() is not { } redisConnection)
    {
        Console.Error.WriteLine("--sse needs --apphost (it reads the app's Redis command counts).");
        return 2;
    }

    await SseFanOut.RunAsync(baseAddress, redisConnection, target.AdminKey, sseRounds);
    return 0;
}

using var client = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Users,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    AutomaticDecompression = System.Net.DecompressionMethods.All,
})
{
    BaseAddress = baseAddress,
    Timeout = TimeSpan.FromSeconds(30),
};

// Every /api call needs a key: the one this run gave the AppHost, else VOICEHUB_API_KEY for --url targets.
if ((target?.AdminKey ?? Environment.GetEnvironmentVariable("VOICEHUB_API_KEY")) is { Length: > 0 } key)
{
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
}

using var setup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var scenarios = await Scenarios.CreateAsync(client, setup.Token);
var memoryBefore = await MemoryAsync(client);
var errorCodes = new Dictionary<string, int>();
if (options.ClientWarmup > TimeSpan.Zero)
{
    Console.WriteLine($"Warming this client: {options.Users} users call GET /alive for {options.ClientWarmup.TotalSeconds:0} s...");
    await LoadRun.RunAsync(client, [new Scenario("alive", 1, (http, ct) => http.GetAsync("/alive", ct))],
        options with { Duration = options.ClientWarmup, Warmup = TimeSpan.Zero, Ramp = TimeSpan.Zero }, []);
}

Console.WriteLine($"Running {options.Users} users for {options.Duration.TotalSeconds:0} s...");
var results = await LoadRun.RunAsync(client, scenarios, options, errorCodes);
var memoryAfter = await MemoryAsync(client);
Report.Print(results, options, memoryBefore, memoryAfter, errorCodes);
return 0;

static async Task<double?> MemoryAsync(HttpClient client)
{
    try
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var metrics = await client.GetFromJsonAsync<JsonElement>("/api/metrics", cts.Token);
        return metrics.GetProperty("gauges").GetProperty("memory_usage_mb").GetDouble();
    }
    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or KeyNotFoundException or JsonException)
    {
        return null;
    }
}
