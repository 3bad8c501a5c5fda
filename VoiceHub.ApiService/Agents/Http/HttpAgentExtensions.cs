using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>Registers the http agent and the named HttpClient it calls through.</summary>
public static class HttpAgentExtensions
{
    public const string HttpClientName = "http-agent";

    public static IHostApplicationBuilder AddHttpAgent(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<HttpAgentOptions>();

        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<ConnectionGuard>();
        var resilience = builder.Configuration.GetSection($"{HttpAgentOptions.SectionName}:Resilience");

        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), but it is the documented way to
        // replace the standard handler the service defaults put on every client.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<HttpAgentOptions>>().Value;
                var guard = sp.GetRequiredService<ConnectionGuard>();
                return new SocketsHttpHandler
                {
                    // Every connection is checked where it is made: allow-listed host and port, a public
                    // (or explicitly listed) address, connected to the very address that was checked.
                    ConnectCallback = guard.ConnectAsync,
                    // A proxy would make the checked address the proxy's, not the target's.
                    UseProxy = false,
                    MaxConnectionsPerServer = options.MaxConnectionsPerServer,
                    PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectTimeout = options.ConnectTimeout,
                    // A redirect could lead off the allow-list; the step reports the 3xx and its Location instead.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                };
            })
            // The standard resilience handler comes from the service defaults; one breaker per host, so one
            // failing service does not stop calls to the others.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                // Tunable under VoiceHub:Agents:Http:Resilience (HttpStandardResilienceOptions: Retry, AttemptTimeout, ...).
                resilience.Bind(o);
                // A refused address stays refused: not retried, and not counted against the host's circuit.
                o.Retry.ShouldHandle = args => ValueTask.FromResult(
                    AddressRefusedException.In(args.Outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
                    AddressRefusedException.In(args.Outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                // POST is not idempotent: a timed-out POST may have happened, so it is not sent twice by itself.
                o.Retry.DisableFor(HttpMethod.Post);
            })
            .SelectPipelineByAuthority();
#pragma warning restore EXTEXP0001

        services.AddSingleton<IAgent, HttpAgent>();
        return builder;
    }
}
