using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceHub.ApiService.Agents;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Fills a step's inputs from workflow inputs and earlier steps' outputs. A value that is exactly
/// one reference (<c>${steps.scan.output.files}</c>) keeps its JSON type; references inside
/// longer text are interpolated as text.
/// </summary>
public static partial class StepInputResolver
{
    [GeneratedRegex(@"\$\{\s*([a-zA-Z0-9_.\-]+)\s*\}")]
    private static partial Regex Reference();

    public static JsonObject Resolve(JsonObject with, WorkflowState workflow)
    {
        var resolved = new JsonObject();
        foreach (var (name, value) in with)
        {
            resolved[name] = ResolveNode(value, workflow);
        }

        return resolved;
    }

    /// <summary>The references a template value makes (for validating templates at load time).</summary>
    public static IEnumerable<string> ReferencesIn(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => ReferencesIn(p.Value)),
        JsonArray array => array.SelectMany(ReferencesIn),
        JsonValue value when value.TryGetValue<string>(out var text) => Reference().Matches(text).Select(m => m.Groups[1].Value),
        _ => [],
    };

    private static JsonNode? ResolveNode(JsonNode? node, WorkflowState workflow)
    {
        switch (node)
        {
            case JsonObject obj:
                return Resolve(obj, workflow);
            case JsonArray array:
                return new JsonArray(array.Select(item => ResolveNode(item, workflow)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                var whole = Reference().Match(text);
                if (whole.Success && whole.Length == text.Length)
                {
                    return Lookup(whole.Groups[1].Value, workflow)?.DeepClone();
                }

                return JsonValue.Create(Reference().Replace(text, m => Lookup(m.Groups[1].Value, workflow) switch
                {
                    null => string.Empty,
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    var other => other.ToJsonString(),
                }));
            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode? Lookup(string path, WorkflowState workflow)
    {
        var parts = path.Split('.');
        JsonNode? current = parts[0] switch
        {
            "inputs" => workflow.Inputs,
            "workflow" => new JsonObject { ["id"] = workflow.Id, ["number"] = workflow.Number, ["name"] = workflow.Name },
            "steps" when parts.Length >= 3 => StepNode(parts[1], workflow),
            _ => throw new NonRetryableAgentException($"Unknown reference '${{{path}}}'."),
        };
        var start = parts[0] == "steps" ? 2 : 1;
        for (var i = start; i < parts.Length && current is not null; i++)
        {
            current = current is JsonObject obj ? obj[parts[i]] : null;
        }

        return current;
    }

    private static JsonObject StepNode(string stepId, WorkflowState workflow)
    {
        var step = workflow.Steps.FirstOrDefault(s => s.Id == stepId)
            ?? throw new NonRetryableAgentException($"Reference to unknown step '{stepId}'.");
        return new JsonObject { ["output"] = step.Output?.DeepClone(), ["summary"] = step.Summary, ["status"] = step.Status };
    }
}
