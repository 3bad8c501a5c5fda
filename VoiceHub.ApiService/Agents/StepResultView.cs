using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents;

/// <summary>
/// A read-only copy of another step's result in the same workflow, for agents that combine earlier
/// results (the report agent) rather than reference single values through <c>${...}</c>.
/// </summary>
public sealed record StepResultView(string Status, JsonNode? Output, string? Summary);
