namespace VoiceHub.ApiService.Agents;

/// <summary>The agents this process can run, by name.</summary>
public sealed class AgentCatalog(IEnumerable<IAgent> agents)
{
    private readonly Dictionary<string, IAgent> _agents =
        agents.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IAgent> All => _agents.Values;

    public IAgent? Find(string name) => _agents.GetValueOrDefault(name);

    public bool HasAction(string agent, string action) =>
        Find(agent)?.Actions.Any(a => string.Equals(a.Name, action, StringComparison.OrdinalIgnoreCase)) == true;
}
