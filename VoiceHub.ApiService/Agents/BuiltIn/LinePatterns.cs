using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Line-level patterns of the code analysis: work markers in comments and likely secrets.</summary>
internal static partial class LinePatterns
{
    // A marker counts only after a comment opener, so identifiers and strings that mention it do not.
    [GeneratedRegex(@"(?://|#|/\*|^\s*\*|<!--|--|;)\s*(TODO|FIXME|HACK)(?![\w/])[:\s]*(.*)$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"AKIA[0-9A-Z]{16}")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"gh[pousr]_[A-Za-z0-9]{36}")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(api[_-]?key|secret|token|password)\s*[:=]\s*['""]([^'""]{8,})['""]", RegexOptions.IgnoreCase)]
    private static partial Regex AssignedSecret();

    public static CodeMarker? FindMarker(string file, int line, string text)
    {
        var match = Marker().Match(text);
        return match.Success
            ? new CodeMarker(file, line, match.Groups[1].Value, Trim(match.Groups[2].Value.TrimEnd('*', '/', '-', '>', ' ')))
            : null;
    }

    public static IEnumerable<LikelySecret> FindSecrets(string file, int line, string text)
    {
        if (AwsAccessKey().Match(text) is { Success: true } aws)
        {
            yield return new LikelySecret(file, line, "AWS access key", Hint(aws.Value));
        }

        if (PrivateKey().IsMatch(text))
        {
            yield return new LikelySecret(file, line, "private key", "-----BEGIN … PRIVATE KEY-----");
        }

        if (GitHubToken().Match(text) is { Success: true } github)
        {
            yield return new LikelySecret(file, line, "GitHub token", Hint(github.Value));
        }

        if (AssignedSecret().Match(text) is { Success: true } assigned)
        {
            yield return new LikelySecret(file, line, $"hard-coded {assigned.Groups[1].Value.ToLowerInvariant()}", $"a {assigned.Groups[2].Value.Length}-character value");
        }
    }

    /// <summary>Enough of a value to find it again, never enough to use it.</summary>
    private static string Hint(string value) => value.Length <= 4 ? "…" : value[..4] + "…";

    private static string Trim(string text) => text.Length <= 160 ? text.Trim() : text[..160].Trim() + "…";
}
