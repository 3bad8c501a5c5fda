using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents;

/// <summary>Whether an agent can work now, why not, and details worth showing (shown by <c>GET /api/agents</c>).</summary>
public sealed record AgentAvailability(bool Available, string? Reason = null, JsonObject? Details = null);

/// <summary>Implemented by agents whose readiness is more than being registered (a language model behind a circuit breaker).</summary>
public interface IReportsAvailability
{
    AgentAvailability Availability { get; }
}
