using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Turns one earlier step's result into a report section. Built-in agents put their own Markdown
/// in <c>output.markdown</c>; a language model's answer is <c>output.text</c>; anything else is
/// rendered generically (scalars as a list, arrays of objects as tables).
/// </summary>
internal static class ReportSectionRenderer
{
    private const int MaxTableRows = 30;

    public static string Render(string stepId, StepResultView? step)
    {
        if (step is null)
        {
            return $"_No step '{stepId}' in this workflow._\n\n";
        }

        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(step.Summary))
        {
            text.Append($"_{step.Summary.Trim().Replace("_", "\\_")}_\n\n");
        }

        if (step.Status != "Succeeded")
        {
            return text.Append($"Step {Markdown.Code(stepId)} did not succeed (status: {step.Status}).\n\n").ToString();
        }

        var output = step.Output;
        if (output is JsonObject obj && obj["chart"] is JsonValue chart && chart.TryGetValue<string>(out var chartName))
        {
            // A relative link: the report and the chart are artifacts of the same workflow.
            text.Append($"![chart]({chartName})\n\n");
        }

        if (output is JsonObject { } withMarkdown && Text(withMarkdown["markdown"]) is { } markdown)
        {
            return text.Append(markdown.TrimEnd()).Append("\n\n").ToString();
        }

        if (output is JsonObject { } withText && Text(withText["text"]) is { } answer)
        {
            return text.Append(answer.TrimEnd()).Append("\n\n").ToString();
        }

        Generic(text, output);
        return text.ToString();
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static void Generic(StringBuilder text, JsonNode? output)
    {
        switch (output)
        {
            case null:
                text.Append("_No output._\n\n");
                return;
            case JsonObject obj:
                foreach (var (name, value) in obj.Where(p => p.Value is JsonValue or null))
                {
                    text.Append($"- **{Markdown.Cell(name)}**: {Scalar(value)}\n");
                }

                text.Append('\n');
                foreach (var (name, value) in obj.Where(p => p.Value is JsonArray or JsonObject))
                {
                    text.Append($"**{Markdown.Cell(name)}**\n\n");
                    Nested(text, value!);
                }

                return;
            default:
                Nested(text, output);
                return;
        }
    }

    private static void Nested(StringBuilder text, JsonNode node)
    {
        if (node is JsonArray array && array.Count > 0 && array.All(i => i is JsonObject))
        {
            var columns = array.Cast<JsonObject>().SelectMany(o => o.Where(p => p.Value is JsonValue or null).Select(p => p.Key)).Distinct().Take(8).ToList();
            Markdown.Table(text, columns, array.Take(MaxTableRows).Cast<JsonObject>()
                .Select(o => (IReadOnlyList<string>)columns.Select(c => Scalar(o[c])).ToList()));
            return;
        }

        if (node is JsonArray list && list.All(i => i is JsonValue or null))
        {
            foreach (var item in list.Take(MaxTableRows))
            {
                text.Append($"- {Scalar(item)}\n");
            }

            text.Append('\n');
            return;
        }

        var json = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        text.Append("```json\n").Append(json.Length > 4000 ? json[..4000] + "\n…" : json).Append("\n```\n\n");
    }

    /// <summary>A value on one line; tables escape it further.</summary>
    private static string Scalar(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => (s.Length > 200 ? s[..200] + "…" : s).ReplaceLineEndings(" "),
        JsonValue v when v.TryGetValue<double>(out var d) => Markdown.Number(d),
        _ => value.ToJsonString(),
    };
}
