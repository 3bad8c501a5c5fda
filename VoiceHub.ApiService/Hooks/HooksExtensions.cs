using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.Secrets;

namespace VoiceHub.ApiService.Hooks;

/// <summary>Inbound hooks: <c>/api/hooks</c> to manage them, <c>POST /hooks/{id}</c> for senders.</summary>
public static class HooksExtensions
{
    public static IHostApplicationBuilder AddHooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<HookOptions>();
        services.AddSigningSecrets();
        services.AddSingleton<HookStore>();
        services.AddSingleton<HookService>();
        services.AddSingleton<HookReceiver>();
        return builder;
    }

    public static WebApplication MapHooksApi(this WebApplication app)
    {
        app.MapHookEndpoints();
        app.MapHookReceiverEndpoints();
        return app;
    }
}
