using System.Text.Json.Nodes;

namespace VoiceHub.Contracts.Agents;

/// <summary>An agent as clients see it: what it does, its actions, and whether it can work now.</summary>
public sealed record AgentView(
    string Name, string Description, IReadOnlyList<AgentActionView> Actions, bool Available, string? Reason, JsonObject? Details);

/// <summary>An action with what it requires and which of that this deployment lacks.</summary>
public sealed record AgentActionView(string Name, string Description, IReadOnlyList<string> Requires, bool Available, IReadOnlyList<string> Missing);
