using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VoiceHub.ApiService.Threads;

/// <summary>Registers conversation memory: options from <c>VoiceHub:Threads</c> and <see cref="ThreadStore"/>.</summary>
public static class ThreadsExtensions
{
    public static IHostApplicationBuilder AddThreads(this IHostApplicationBuilder builder)
    {
        // Bad limits should stop the service at start-up, not surface on the first request.
        builder.Services.AddOptions<ThreadOptions>()
            .Bind(builder.Configuration.GetSection(ThreadOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ThreadStore>();
        return builder;
    }
}
