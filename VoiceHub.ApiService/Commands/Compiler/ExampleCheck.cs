using VoiceHub.ApiService.Commands.Matching;
namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>
/// Start-up check that every intent's examples are recognised as that intent and as no other.
/// The examples are what users are shown, so one that fails or is ambiguous is a grammar bug.
/// </summary>
internal static class ExampleCheck
{
    public static void Verify(CompiledGrammar grammar, GrammarDefinition definition)
    {
        foreach (var intent in definition.Intents)
        {
            foreach (var (example, location) in intent.Examples)
            {
                var intents = grammar.MatchAll(example).Select(m => m.Intent).Distinct().ToArray();
                if (intents.Length == 0)
                {
                    throw location.Error($"example '{example}' of intent {intent.Name} matches none of the grammar's sentences");
                }

                if (!intents.Contains(intent.Name))
                {
                    throw location.Error($"example '{example}' of intent {intent.Name} is recognised as {string.Join(", ", intents)} instead");
                }

                if (intents.Length > 1)
                {
                    throw location.Error($"example '{example}' of intent {intent.Name} is also matched by {string.Join(", ", intents.Where(i => i != intent.Name))}; make the sentences more specific");
                }
            }
        }
    }
}
