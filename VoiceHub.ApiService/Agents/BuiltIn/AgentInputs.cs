using System.Globalization;
using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Reads a step's inputs; a missing or malformed input is a non-retryable error naming it.</summary>
internal static class AgentInputs
{
    public static string Required(this AgentInvocation invocation, string name) =>
        invocation.GetString(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new NonRetryableAgentException($"Action '{invocation.Action}' needs the input '{name}'.");

    public static string? Optional(this AgentInvocation invocation, string name) =>
        invocation.GetString(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static int Int(this AgentInvocation invocation, string name, int fallback, int min, int max)
    {
        var value = invocation.Inputs[name] switch
        {
            null => fallback,
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            JsonValue v when v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue => (int)l,
            JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
            _ => throw new NonRetryableAgentException($"Input '{name}' must be a whole number."),
        };
        return value >= min && value <= max
            ? value
            : throw new NonRetryableAgentException($"Input '{name}' must be {min}..{max}; got {value}.");
    }

    public static NonRetryableAgentException UnknownAction(this IAgent agent, AgentInvocation invocation) =>
        new($"The {agent.Name} agent has no action '{invocation.Action}'; it offers {string.Join(", ", agent.Actions.Select(a => a.Name))}.");
}
