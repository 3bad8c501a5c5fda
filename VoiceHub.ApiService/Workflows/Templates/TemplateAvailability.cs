using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>What a template needs that this deployment lacks (an agent, a language model), in words a person can act on.</summary>
public sealed class TemplateAvailability(AgentCatalog agents, IEnumerable<IHubCapability> capabilities)
{
    private readonly HashSet<string> _available = capabilities.Where(c => c.IsAvailable).Select(c => c.Name).ToHashSet();

    public IReadOnlyList<string> Missing(WorkflowTemplate template)
    {
        var missing = new List<string>();
        foreach (var requirement in template.Requires.Where(r => !_available.Contains(r)))
        {
            missing.Add(requirement == "llm"
                ? "a language model (set ConnectionStrings:llm to an OpenAI-compatible endpoint)"
                : $"capability '{requirement}'");
        }

        // The llm agent exists only with a model: its absence is already said as "a language model".
        var modelMissing = !_available.Contains("llm");
        foreach (var step in template.Steps.Where(s => !(modelMissing && s.Agent == "llm")))
        {
            if (agents.Find(step.Agent) is null)
            {
                missing.Add($"agent '{step.Agent}' (step '{step.Id}') is not part of this build");
            }
            else if (!agents.HasAction(step.Agent, step.Action))
            {
                missing.Add($"agent '{step.Agent}' has no action '{step.Action}' (step '{step.Id}')");
            }
        }

        return missing.Distinct().ToList();
    }
}
