using VoiceHub.ApiService.Commands.Matching;
namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>
/// The handlers by intent name, checked against the grammar when built: an intent without a
/// handler would build, start and answer 422 at run time, so it stops start-up instead.
/// </summary>
internal sealed class IntentHandlers
{
    private readonly Dictionary<string, IIntentHandler> _byIntent;

    public IntentHandlers(IEnumerable<IIntentHandler> handlers, CompiledGrammar grammar)
    {
        _byIntent = handlers.ToDictionary(h => h.Intent, StringComparer.Ordinal);
        var intents = grammar.Intents.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var unhandled = intents.Where(i => !_byIntent.ContainsKey(i)).Order().ToArray();
        var unknown = _byIntent.Keys.Where(k => !intents.Contains(k)).Order().ToArray();
        if (unhandled.Length > 0 || unknown.Length > 0)
        {
            throw new InvalidOperationException(
                (unhandled.Length > 0 ? $"Intents without a handler (add an IIntentHandler): {string.Join(", ", unhandled)}. " : "") +
                (unknown.Length > 0 ? $"Handlers for intents the grammar does not have: {string.Join(", ", unknown)}." : ""));
        }
    }

    public IIntentHandler For(string intent) => _byIntent[intent];
}
