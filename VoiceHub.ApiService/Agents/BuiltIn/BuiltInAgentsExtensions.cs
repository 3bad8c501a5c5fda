using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Registers the offline built-in agents with their workspace and process runner.</summary>
public static class BuiltInAgentsExtensions
{
    public static IHostApplicationBuilder AddBuiltInAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WorkspaceOptions>()
            .Validate<IHostEnvironment>((o, env) => Directory.Exists(o.ResolveRoot(env.ContentRootPath)),
                $"{WorkspaceOptions.SectionName}:Root must name an existing folder.")
            .ValidateOnStart();
        services.AddValidatedOptions<ProcessOptions>()
            // A command allow-list would silently stop applying; say what replaced it instead.
            .Validate(_ => !builder.Configuration.GetSection($"{ProcessOptions.SectionName}:AllowedCommands").Exists(),
                $"{ProcessOptions.SectionName}:AllowedCommands is no longer read: commands are fixed by the hub; list runner names in {ProcessOptions.SectionName}:TestRunners.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkspaceOptions>>().Value;
            return new WorkspaceFolder(options.ResolveRoot(sp.GetRequiredService<IHostEnvironment>().ContentRootPath), options);
        });
        services.AddSingleton<ProcessRunner>();

        services.AddSingleton<IAgent, CodeAnalysisAgent>();
        services.AddSingleton<IAgent, TestRunAgent>();
        services.AddSingleton<IAgent, DataAnalysisAgent>();
        services.AddSingleton<IAgent, ResearchAgent>();
        services.AddSingleton<IAgent, GitAgent>();
        services.AddSingleton<IAgent, ReportAgent>();
        return builder;
    }
}
