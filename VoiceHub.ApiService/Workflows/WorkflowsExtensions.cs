using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.ApiService.Workflows.Events;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Registers templates, the Redis-backed engine, its workers and health checks.</summary>
public static class WorkflowsExtensions
{
    public static IHostApplicationBuilder AddWorkflows(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WorkflowOptions>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IAgent, SystemAgent>();
        services.TryAddSingleton<AgentCatalog>();

        services.AddSingleton(sp => new TemplateCatalog(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowOptions>>()));
        services.AddSingleton<TemplateAvailability>();
        services.AddSingleton<WorkflowHandoff>();
        services.AddSingleton<WorkflowStore>();
        services.AddSingleton<WorkflowQueue>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<WorkflowReadCache>();
        services.AddSingleton<WorkflowEventHub>();
        services.AddSingleton<EventStreamLimits>();
        services.AddValidatedOptions<EventStreamOptions>();
        services.AddSingleton<WorkflowWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowWorker>());
        services.AddHostedService<WorkflowRetentionService>();

        services.AddHealthChecks()
            .AddCheck<WorkflowQueueHealthCheck>("workflow_queue", tags: ["workflows"])
            .AddCheck<WorkflowWorkersHealthCheck>("workers", tags: ["workflows"]);
        return builder;
    }

    public static WebApplication MapWorkflowsApi(this WebApplication app)
    {
        // Resolve now: a bad template file stops start-up here, naming the file, line and reason.
        app.Services.GetRequiredService<TemplateCatalog>();
        app.MapTemplateEndpoints();
        app.MapWorkflowEndpoints();
        app.MapWorkflowEventEndpoints();
        return app;
    }
}
