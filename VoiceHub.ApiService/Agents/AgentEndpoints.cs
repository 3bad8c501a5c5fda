using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Agents;

/// <summary><c>GET /api/agents</c>: the agents this process runs.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("Agents").RequireAuthorization(HubPolicies.Viewer);
        group.MapGet("/", ListAgents).WithName("ListAgents")
            .WithSummary("Agents with their actions and whether each can work now (for llm: the circuit state).");
        group.MapGet("/{name}", GetAgent).WithName("GetAgent").WithSummary("One agent with its actions and availability.");
        return app;
    }

    internal static Results<Ok<PagedResult<AgentView>>, ValidationProblem> ListAgents(
        string? page, string? limit, AgentCatalog catalog, IEnumerable<IHubCapability> capabilities)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        var available = AvailableCapabilities(capabilities);
        var all = catalog.All.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var items = all.Skip(request.SkipCount).Take(request.Limit).Select(a => View(a, available)).ToList();
        return TypedResults.Ok(new PagedResult<AgentView>(items, request.Page, request.Limit, all.Count));
    }

    internal static Results<Ok<AgentView>, ProblemHttpResult> GetAgent(string name, AgentCatalog catalog, IEnumerable<IHubCapability> capabilities) =>
        catalog.Find(name) is { } agent
            ? TypedResults.Ok(View(agent, AvailableCapabilities(capabilities)))
            : TypedResults.Problem(statusCode: 404, title: "Unknown agent",
                detail: $"There is no agent '{name}' in this build. GET /api/agents lists them.");

    private static HashSet<string> AvailableCapabilities(IEnumerable<IHubCapability> capabilities) =>
        capabilities.Where(c => c.IsAvailable).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static AgentView View(IAgent agent, HashSet<string> capabilities)
    {
        var actions = agent.Actions.Select(a =>
        {
            var requires = a.Requires ?? [];
            var missing = requires.Where(r => !capabilities.Contains(r)).ToList();
            return new AgentActionView(a.Name, a.Description, requires, missing.Count == 0, missing);
        }).ToList();

        var own = (agent as IReportsAvailability)?.Availability ?? new AgentAvailability(true);
        var lacking = actions.SelectMany(a => a.Missing).Distinct().ToList();
        var available = own.Available && actions.Any(a => a.Available);
        var reason = own.Reason ?? (lacking.Count > 0 ? $"this deployment lacks {string.Join(", ", lacking)}" : null);
        return new AgentView(agent.Name, agent.Description, actions, available, available && lacking.Count == 0 ? null : reason, own.Details);
    }
}
