using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;
using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web;

/// <summary>Registrations of the web frontend: Blazor, the API client, shared data-protection keys.</summary>
public static class WebFrontendExtensions
{
    private const string DataProtectionKeysKey = "voicehub:web:dataprotection-keys";

    public static IHostApplicationBuilder AddWebFrontend(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");

        // Keys in Redis: every web replica can read antiforgery tokens and circuits issued by another.
        builder.Services.AddDataProtection().SetApplicationName("VoiceHub.Web");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeysKey));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // "https+http": prefer https when the API offers it, else http (service discovery).
        builder.Services.AddHttpClient<HubApiClient>(client => client.BaseAddress = new("https+http://apiservice"));
        return builder;
    }

    public static WebApplication UseWebFrontend(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        return app;
    }
}
