using System.Text;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Agents.Workspace;

/// <summary>
/// Parts of the workspace agents never read or list: git's internals (always) and the configured
/// secret patterns (<see cref="WorkspaceOptions.ProtectedPatterns"/>). Patterns are glob-like, as in
/// .gitignore: one without '/' matches a file or folder name anywhere (<c>.env</c>, <c>*.pem</c>); one
/// with '/' matches from the root, <c>**</c> spanning folders (<c>**/secrets.json</c>, <c>.data/**</c>).
/// A folder that matches protects everything under it. Case is ignored, so <c>.ENV</c> is no way round.
/// </summary>
public sealed class ProtectedPaths
{
    public const string GitFolder = ".git";

    private readonly IReadOnlyList<(string Pattern, Regex Regex, bool ByName)> _patterns;

    public ProtectedPaths(IEnumerable<string> patterns) =>
        _patterns = patterns.Select(p => p.Trim().Replace('\\', '/')).Where(p => p.Length > 0)
            .Select(p => (p, Compile(p.TrimStart('/')), !p.TrimStart('/').Contains('/')))
            .ToList();

    /// <summary>
    /// Why <paramref name="relativePath"/> (relative to the root, '/' or '\' separators) is protected,
    /// or null when it is not.
    /// </summary>
    public string? Why(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Any(p => string.Equals(p, GitFolder, StringComparison.OrdinalIgnoreCase)))
        {
            return "git's internal files (.git) are never read by agents";
        }

        foreach (var (pattern, regex, byName) in _patterns)
        {
            var hit = byName
                ? parts.Any(regex.IsMatch)
                : Enumerable.Range(1, parts.Length).Any(n => regex.IsMatch(string.Join('/', parts.Take(n))));
            if (hit)
            {
                return $"it matches the protected pattern '{pattern}' ({WorkspaceOptions.SectionName}:ProtectedPatterns)";
            }
        }

        return null;
    }

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }

        // "x/**" also names the folder x itself.
        var text = regex.ToString();
        text = text.EndsWith("/.*", StringComparison.Ordinal) ? text[..^3] + "(?:/.*)?" : text;
        return new Regex(text + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
