using System.Text.Json.Nodes;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Commands;

/// <summary>How a recognised sentence fills a workflow template.</summary>
internal static class TemplateSlots
{
    /// <summary>Slots that name one of the template's inputs fill it; the rest keep their defaults.</summary>
    public static JsonObject InputsFor(this RecognizedIntent match, WorkflowTemplate template)
    {
        var inputs = new JsonObject();
        foreach (var input in template.Inputs)
        {
            if (match.GetText(input.Name) is { } value)
            {
                inputs[input.Name] = value;
            }
        }

        return inputs;
    }
}
