using System.Text;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>The code analysis as Markdown: totals, languages and largest files as tables, findings as a ranked list.</summary>
internal static class CodeAnalysisMarkdown
{
    private const int MaxFindings = 40;

    public static string Render(CodeScan scan, IReadOnlyList<CodeFinding> findings)
    {
        var text = new StringBuilder();
        text.Append($"{scan.Files.Count} files, {scan.Files.Sum(f => f.Lines)} lines under {Markdown.Code(scan.Path)}.\n\n");
        if (scan.Files.Count == 0)
        {
            return text.ToString();
        }

        Markdown.Table(text, ["Language", "Files", "Lines"],
            scan.Languages().Select(l => (IReadOnlyList<string>)[l.Language, l.Files.ToString(), l.Lines.ToString()]));
        text.Append("**Largest files**\n\n");
        Markdown.Table(text, ["File", "Lines"], scan.Largest(10).Select(f => (IReadOnlyList<string>)[f.File, f.Lines.ToString()]));

        text.Append($"**Findings**: {findings.Count(f => f.Severity == "high")} high, {findings.Count(f => f.Severity == "medium")} medium, " +
                    $"{findings.Count(f => f.Severity == "low")} low.\n\n");
        foreach (var finding in findings.Take(MaxFindings))
        {
            text.Append($"- **{finding.Severity}** {Markdown.Code($"{finding.File}:{finding.Line}")} {finding.Message.Replace('\n', ' ')}\n");
        }

        if (findings.Count > MaxFindings)
        {
            text.Append($"- … and {findings.Count - MaxFindings} more.\n");
        }

        return text.Append('\n').ToString();
    }
}
