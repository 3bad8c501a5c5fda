using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>Registers the http agent and the named HttpClient it calls through.</summary>
public static class HttpAgentExtensions
{
    public const string HttpClientName = "http-agent";

    public static IHostApplicationBuilder AddHttpAgent(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HttpAgentOptions>().BindConfiguration(HttpAgentOptions.Section)
            .Validate(o => o.MaxBodyBytes is >= 1 and <= 1024 * 1024, $"{HttpAgentOptions.Section}:MaxBodyBytes must be 1..1048576.")
            .Validate(o => o.MaxConnectionsPerServer >= 1, $"{HttpAgentOptions.Section}:MaxConnectionsPerServer must be 1 or more.")
            .ValidateOnStart();

        var resilience = builder.Configuration.GetSection($"{HttpAgentOptions.Section}:Resilience");

        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), but it is the documented way to
        // replace the standard handler the service defaults put on every client.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<HttpAgentOptions>>().Value;
                return new SocketsHttpHandler
                {
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
                // POST is not idempotent: a timed-out POST may have happened, so it is not sent twice by itself.
                o.Retry.DisableFor(HttpMethod.Post);
            })
            .SelectPipelineByAuthority();
#pragma warning restore EXTEXP0001

        services.AddSingleton<IAgent, HttpAgent>();
        return builder;
    }
}
