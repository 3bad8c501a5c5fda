using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.Secrets;
using VoiceHub.ApiService.Schedules;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>Outbound webhooks: subscriptions, the durable delivery queue, every replica's dispatcher, workflow events, health.</summary>
public static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WebhookOptions>();
        services.AddSigningSecrets();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton(sp => new WebhookKeys(sp.GetRequiredService<IOptions<RedisKeyOptions>>().Value));
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<SubscriptionCache>();
        services.AddSingleton<WebhookDispatcherSignal>();
        services.AddSingleton<IHubEvents, HubEvents>();
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<IWorkflowObserver, WorkflowWebhookEvents>();
        services.AddSingleton<IScheduleFireObserver, ScheduleWebhookEvents>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheckPublisher, HealthChangeEvents>();
        AddClient(services);
        services.AddHealthChecks().AddCheck<WebhookHealthCheck>("webhooks", tags: ["webhooks"]);
        return builder;
    }

    public static WebApplication MapWebhooksApi(this WebApplication app)
    {
        app.MapWebhookEndpoints();
        return app;
    }

    private static void AddClient(IServiceCollection services)
    {
        // Deliveries are retried by the queue (backoff over a day), so the client itself does not retry.
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to drop the defaults' handler for one client.
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Every connection is checked where it is made, on the addresses it connects to (DNS rebinding).
                ConnectCallback = sp.GetRequiredService<WebhookTargetPolicy>().ConnectAsync,
                // A proxy would make the checked address the proxy's; a redirect could lead anywhere.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
