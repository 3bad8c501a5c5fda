using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;

namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>
/// Calls the API's own read routes (and a POST that only reads) over HTTP once it listens (enough times for tiered compilation
/// to optimise them), waits for the JIT to go quiet, then marks it ready.
/// Measured cause of the load test's tail: the first seconds of a cold process (JIT, first Redis
/// scripts, caches, the authentication and rate-limit paths) met by a hundred users at once gave
/// p50 44 ms and p99 433 ms in the first five seconds against 3–6 ms and 9–97 ms afterwards
/// (docs/PERFORMANCE.md). Only calls that change nothing and are not audited (GETs, a command parse); they authenticate
/// with the bootstrap admin key when one is set (else they warm what an anonymous call reaches).
/// </summary>
public sealed class WarmUpService(
    IServer server,
    IHostApplicationLifetime lifetime,
    WarmUpState state,
    IOptions<WarmUpOptions> options,
    IOptions<AuthOptions> auth,
    ILogger<WarmUpService> logger) : BackgroundService
{
    /// <summary>
    /// What the load test's mix and the web read most. Not <c>/api/health/detailed</c>: while this runs
    /// the warm-up check makes it answer 503, and those would count as server errors in <c>error_rate</c>.
    /// </summary>
    public static readonly string[] Routes =
    [
        "/api/templates", "/api/workflows?limit=20", "/api/metrics", "/api/intents", "/api/threads?limit=20", "/api/agents",
    ];

    /// <summary>
    /// POSTs that change nothing: parsing a command runs the intent recogniser (the grammar, never the
    /// language model, for a sentence the grammar knows), which every spoken or typed command goes through.
    /// </summary>
    public static readonly (string Path, string Json)[] Posts =
    [
        ("/api/commands/parse", """{"text":"run the self test"}"""),
    ];

    /// <summary>Calls in one round.</summary>
    public static int CallsPerRound => Routes.Length + Posts.Length;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            state.Finish("warm-up turned off (VoiceHub:WarmUp:Enabled)");
            return;
        }

        if (!await StartedAsync(stoppingToken) || OwnAddress() is not { } address)
        {
            state.Finish("warm-up skipped: the server has no HTTP address to call");
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var calls = await RunAsync(address, settings.Rounds, timeout.Token);
            var called = watch.ElapsedMilliseconds;
            var compiled = await SettleAsync(settings.Settle, timeout.Token);
            state.Finish($"warmed up: {calls} calls to {CallsPerRound} routes in {called} ms, then {watch.ElapsedMilliseconds - called} ms for the JIT to go quiet ({compiled} methods compiled meanwhile)");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Ready anyway: a warm-up that cannot finish must not keep the replica out of service.
            state.Finish($"warm-up stopped after {watch.ElapsedMilliseconds} ms ({ex.GetType().Name}); serving cold");
            logger.LogWarning("Warm-up stopped after {Elapsed} ms: {Reason}", watch.ElapsedMilliseconds, ex.Message);
        }
    }

    private async Task<int> RunAsync(Uri address, int rounds, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address };
        if (auth.Value.BootstrapAdminKey is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var calls = 0;
        for (var round = 0; round < rounds; round++)
        {
            // The first round one at a time (each route compiles alone) and through the rate limiter like
            // any call; the rest all at once, known by the process's warm-up secret so they spend no budget.
            if (round == 1)
            {
                client.DefaultRequestHeaders.Add(WarmUpState.Header, state.Token);
            }

            var requests = Routes.Select(route => (Func<Task>)(() => CallAsync(client, route, cancellationToken)))
                .Concat(Posts.Select(post => (Func<Task>)(() => PostAsync(client, post.Path, post.Json, cancellationToken))));
            if (round == 0)
            {
                foreach (var call in requests)
                {
                    await call();
                }
            }
            else
            {
                await Task.WhenAll(requests.Select(call => call()));
            }

            calls += CallsPerRound;
        }

        return calls;
    }

    /// <summary>
    /// Waits until the JIT compiled nothing for three polls in a row (the tier-1 recompilations the
    /// rounds queued are done), at most <paramref name="limit"/>; returns how many methods it compiled meanwhile.
    /// </summary>
    private static async Task<long> SettleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        var last = start;
        var quiet = 0;
        var watch = Stopwatch.StartNew();
        while (quiet < 3 && watch.Elapsed < limit)
        {
            await Task.Delay(100, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        return last - start;
    }

    private static async Task CallAsync(HttpClient client, string route, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(route, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static async Task PostAsync(HttpClient client, string route, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(route, content, cancellationToken);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The first http address Kestrel listens on, with a wildcard host turned into loopback.</summary>
    private Uri? OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri;
    }
}
