using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Registers the offline built-in agents with their workspace and process runner.</summary>
public static class BuiltInAgentsExtensions
{
    public static IHostApplicationBuilder AddBuiltInAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WorkspaceOptions>().BindConfiguration(WorkspaceOptions.Section)
            .Validate<IHostEnvironment>((o, env) => Directory.Exists(o.ResolveRoot(env.ContentRootPath)),
                $"{WorkspaceOptions.Section}:Root must name an existing folder.")
            .ValidateOnStart();
        services.AddOptions<ProcessOptions>().BindConfiguration(ProcessOptions.Section)
            .Validate(o => o.CommandTimeout > TimeSpan.Zero && o.MaxOutputCharacters >= 1024,
                $"{ProcessOptions.Section}: CommandTimeout must be positive and MaxOutputCharacters at least 1024.")
            .Validate(o => o.EnabledTestRunners.All(n => TestRunners.Find(n) is not null),
                $"{ProcessOptions.Section}:TestRunners names test runners; known: {string.Join(", ", TestRunners.All.Select(r => r.Name))}.")
            // A command allow-list would silently stop applying; say what replaced it instead.
            .Validate(_ => !builder.Configuration.GetSection($"{ProcessOptions.Section}:AllowedCommands").Exists(),
                $"{ProcessOptions.Section}:AllowedCommands is no longer read: commands are fixed by the hub; list runner names in {ProcessOptions.Section}:TestRunners.")
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
