using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Platform.WarmUp;

public static class WarmUpExtensions
{
    /// <summary>The start-up warm-up and the readiness check that waits for it.</summary>
    public static IServiceCollection AddWarmUp(this IServiceCollection services)
    {
        services.AddValidatedOptions<WarmUpOptions>();
        services.AddSingleton<WarmUpState>();
        services.AddHostedService<WarmUpService>();
        services.AddHealthChecks().AddCheck<WarmUpHealthCheck>(WarmUpHealthCheck.Name);
        return services;
    }
}
