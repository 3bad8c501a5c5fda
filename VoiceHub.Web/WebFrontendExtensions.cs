using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using VoiceHub.Web.ApiClients;
using VoiceHub.Web.Identity;

namespace VoiceHub.Web;

/// <summary>Registrations of the web frontend: Blazor, sign-in, the API clients, shared data-protection keys.</summary>
public static class WebFrontendExtensions
{
    private const string DataProtectionKeysKey = "voicehub:web:dataprotection-keys";
    private const string ApiAddress = "https+http://apiservice";

    public static IHostApplicationBuilder AddWebFrontend(this IHostApplicationBuilder builder)
    {
        // The API's Redis client set-up (ServiceDefaults): thread-pool sockets, Redis traced only within a trace.
        builder.AddHubRedisClient("cache");

        // Keys in Redis: every web replica can read antiforgery tokens and circuits issued by another.
        builder.Services.AddDataProtection().SetApplicationName("VoiceHub.Web");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeysKey));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        builder.AddWebIdentity(ApiAddress);
        builder.Services.AddSingleton<HubApiCredentials>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // "https+http": prefer https when the API offers it, else http (service discovery).
        builder.Services.AddHttpClient<HubApiClient>(client => client.BaseAddress = new(ApiAddress));

        // Server-Sent Events live as long as a page: no total timeout, no retries of a half-read stream.
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to drop the defaults' handler for one client.
        builder.Services.AddHttpClient(WorkflowEventStream.ClientName, client =>
            {
                client.BaseAddress = new(ApiAddress);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<WorkflowEventStream>();
        builder.Services.AddSingleton<Markdown.ReportRenderer>();
        return builder;
    }

    public static WebApplication UseWebFrontend(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWebIdentity();
        app.UseAntiforgery();
        return app;
    }
}
