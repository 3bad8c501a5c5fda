using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Gathers what wildcard slots may be filled with in speech, now: the workspace's names for
/// <c>{path}</c> and <c>{source}</c> (with each file's own name, "sales dot csv", as a shorter way to
/// say it when only one file has it), and the configured phrases of <see cref="SpeechOptions.Phrases"/>.
/// </summary>
internal sealed class SpeechVocabularySource(IOptions<SpeechOptions> options, IOptions<WorkspaceOptions> workspace, IHostEnvironment environment)
{
    public SpokenVocabulary Build()
    {
        var root = workspace.Value.ResolveRoot(environment.ContentRootPath);
        var names = WorkspaceNames.List(root, options.Value.MaxWorkspaceNames);
        var byList = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["path"] = [.. names],
            ["source"] = [.. names],
        };
        foreach (var (list, phrases) in options.Value.Phrases)
        {
            if (!byList.TryGetValue(list, out var written))
            {
                byList[list] = written = [];
            }

            written.AddRange(phrases);
        }

        return new SpokenVocabulary(byList.ToDictionary(p => p.Key, p => (IEnumerable<string>)p.Value), UniqueFileNames(names));
    }

    /// <summary>"sales.csv" → "samples/sales.csv" for file names (with an extension) that occur once.</summary>
    private static Dictionary<string, string> UniqueFileNames(IEnumerable<string> names) =>
        names.Where(n => n.Contains('/') && n.LastIndexOf('.') > n.LastIndexOf('/'))
            .GroupBy(n => n[(n.LastIndexOf('/') + 1)..], StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
}
