using System.Text.Json.Nodes;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Hooks;

/// <summary>
/// A hook's mapping: template input name → JSON pointer (RFC 6901) into the delivered payload.
/// Checked when the hook is created (inputs the template has, pointers well formed); applied to each
/// delivery, where only a string, number or boolean may be taken.
/// </summary>
public static class HookMapping
{
    public const int MaxEntries = 20;
    public const int MaxPointerLength = 300;

    public static Dictionary<string, string[]> Validate(WorkflowTemplate template, IReadOnlyDictionary<string, string>? mapping)
    {
        var errors = new Dictionary<string, string[]>();
        if (mapping is null)
        {
            return errors;
        }

        if (mapping.Count > MaxEntries)
        {
            errors["mapping"] = [$"mapping has {mapping.Count} entries; at most {MaxEntries}."];
            return errors;
        }

        foreach (var (input, pointer) in mapping)
        {
            if (template.Inputs.All(i => i.Name != input))
            {
                var known = template.Inputs.Count == 0 ? "it takes none" : "known: " + string.Join(", ", template.Inputs.Select(i => i.Name));
                errors[$"mapping.{Shorten(input)}"] = [$"Template '{template.Id}' has no input '{Shorten(input)}'; {known}."];
            }
            else if (PointerProblem(pointer) is { } problem)
            {
                errors[$"mapping.{input}"] = [problem];
            }
        }

        return errors;
    }

    /// <summary>Why <paramref name="pointer"/> is not a JSON pointer, or null when it is one.</summary>
    public static string? PointerProblem(string? pointer)
    {
        if (pointer is null || pointer.Length > MaxPointerLength)
        {
            return $"A mapping is a JSON pointer of at most {MaxPointerLength} characters, like \"/repository/name\".";
        }

        if (pointer.Length > 0 && pointer[0] != '/')
        {
            return $"'{Shorten(pointer)}' is not a JSON pointer: it must start with '/' (e.g. \"/repository/name\"), or be \"\" for the whole payload.";
        }

        for (var i = 0; i < pointer.Length; i++)
        {
            if (char.IsControl(pointer[i]) || pointer[i] == '~' && (i + 1 >= pointer.Length || pointer[i + 1] is not ('0' or '1')))
            {
                return $"'{Shorten(pointer)}' is not a JSON pointer: '~' must be followed by 0 or 1 and control characters are not allowed.";
            }
        }

        return null;
    }

    /// <summary>The template inputs: the hook's fixed inputs, overlaid with the mapped values; or the problems, one per input.</summary>
    public static (JsonObject Inputs, Dictionary<string, string[]> Errors) Apply(JsonObject fixedInputs, IReadOnlyDictionary<string, string> mapping, JsonNode? payload)
    {
        var inputs = (JsonObject)fixedInputs.DeepClone();
        var errors = new Dictionary<string, string[]>();
        foreach (var (input, pointer) in mapping)
        {
            var (found, value) = Resolve(payload, pointer);
            if (!found)
            {
                errors[$"mapping.{input}"] = [$"The payload has nothing at '{pointer}' for input '{input}'."];
            }
            else if (value is not JsonValue scalar || scalar.GetValueKind() is System.Text.Json.JsonValueKind.Null)
            {
                errors[$"mapping.{input}"] = [$"The payload's '{pointer}' is {Kind(value)}; input '{input}' takes a single string, number or boolean."];
            }
            else
            {
                inputs[input] = scalar.DeepClone();
            }
        }

        return (inputs, errors);
    }

    private static (bool Found, JsonNode? Value) Resolve(JsonNode? node, string pointer)
    {
        if (pointer.Length == 0)
        {
            return (true, node);
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                                          && (token == "0" || token[0] != '0') && index < array.Count:
                    node = array[index];
                    break;
                default:
                    return (false, null);
            }
        }

        return (true, node);
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
