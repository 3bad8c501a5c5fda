using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Schedules;

/// <summary>Registers schedules: options from <c>VoiceHub:Schedules</c>, the store, the service, the firer on every replica and the health check.</summary>
public static class SchedulesExtensions
{
    public static IHostApplicationBuilder AddSchedules(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ScheduleOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<ScheduleFirer>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleFirer>());
        services.AddHealthChecks().AddCheck<ScheduleHealthCheck>("schedules", tags: ["schedules"]);
        return builder;
    }

    public static WebApplication MapSchedulesApi(this WebApplication app)
    {
        app.MapScheduleEndpoints();
        return app;
    }
}
