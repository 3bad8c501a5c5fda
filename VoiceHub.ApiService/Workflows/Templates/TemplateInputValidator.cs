using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>Checks a client's inputs against a template and fills defaults; every bad input is named.</summary>
public static class TemplateInputValidator
{
    public static (JsonObject Inputs, Dictionary<string, string[]> Errors) Validate(WorkflowTemplate template, JsonObject? given)
    {
        var errors = new Dictionary<string, string[]>();
        var result = new JsonObject();
        given ??= [];

        foreach (var name in given.Select(p => p.Key).Where(k => template.Inputs.All(i => i.Name != k)))
        {
            var known = template.Inputs.Count == 0 ? "it takes none" : "known: " + string.Join(", ", template.Inputs.Select(i => i.Name));
            errors[$"inputs.{name}"] = [$"Template '{template.Id}' has no input '{name}'; {known}."];
        }

        foreach (var input in template.Inputs)
        {
            var raw = given[input.Name] switch
            {
                null => input.Default,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                _ => null,
            };
            if (given[input.Name] is JsonObject or JsonArray)
            {
                errors[$"inputs.{input.Name}"] = [$"{input.Name} must be a single {input.Type} value."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(raw))
            {
                if (input.Required)
                {
                    errors[$"inputs.{input.Name}"] = [$"{input.Name} is required: {input.Description ?? input.Type}."];
                }

                continue;
            }

            raw = raw.Trim();
            if (Check(input, raw) is { } problem)
            {
                errors[$"inputs.{input.Name}"] = [problem];
                continue;
            }

            result[input.Name] = input.Type switch
            {
                "number" => JsonValue.Create(double.Parse(raw, CultureInfo.InvariantCulture)),
                "integer" => JsonValue.Create(long.Parse(raw, CultureInfo.InvariantCulture)),
                "boolean" => JsonValue.Create(bool.Parse(raw)),
                _ => JsonValue.Create(raw),
            };
        }

        return (result, errors);
    }

    private static string? Check(TemplateInput input, string raw)
    {
        var max = input.MaxLength ?? 2000;
        if (raw.Length > max)
        {
            return $"{input.Name} is {raw.Length} characters; at most {max}.";
        }

        switch (input.Type)
        {
            case "number" when !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n):
            case "integer" when !long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _):
                return $"{input.Name} must be a {input.Type}; got '{raw}'.";
            case "boolean" when !bool.TryParse(raw, out _):
                return $"{input.Name} must be true or false; got '{raw}'.";
            case "url" when !Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"):
                return $"{input.Name} must be an absolute http or https URL; got '{raw}'.";
        }

        if (input.Type is "number" or "integer")
        {
            var value = double.Parse(raw, CultureInfo.InvariantCulture);
            if (value < input.Min || value > input.Max)
            {
                return $"{input.Name} must be between {input.Min?.ToString() ?? "-∞"} and {input.Max?.ToString() ?? "∞"}; got {raw}.";
            }
        }

        if (input.Allowed is { Count: > 0 } allowed && !allowed.Contains(raw, StringComparer.OrdinalIgnoreCase))
        {
            return $"{input.Name} must be one of {string.Join(", ", allowed)}; got '{raw}'.";
        }

        if (input.Pattern is not null && !Regex.IsMatch(raw, input.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            return $"{input.Name} '{raw}' does not have the expected form ({input.Description ?? input.Pattern}).";
        }

        return null;
    }
}
