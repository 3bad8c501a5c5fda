using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.ApiService.Agents;

/// <summary>Registers the agents that do workflow steps (the offline built-in ones and the http agent) and <c>/api/agents</c>.</summary>
public static class AgentsExtensions
{
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        builder.AddBuiltInAgents();
        builder.AddHttpAgent();
        return builder;
    }

    public static WebApplication MapAgentsApi(this WebApplication app)
    {
        app.MapAgentEndpoints();
        return app;
    }
}
