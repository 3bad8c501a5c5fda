using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Threads;

/// <summary>Registers conversation memory: options from <c>VoiceHub:Threads</c> and <see cref="ThreadStore"/>.</summary>
public static class ThreadsExtensions
{
    public static IHostApplicationBuilder AddThreads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ThreadOptions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ThreadStore>();
        return builder;
    }

    public static WebApplication MapThreadsApi(this WebApplication app)
    {
        app.MapThreadEndpoints();
        return app;
    }
}
