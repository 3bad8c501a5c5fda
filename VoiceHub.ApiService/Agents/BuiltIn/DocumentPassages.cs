namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Splits a Markdown or text document into passages at blank lines and headings, remembering the
/// heading each falls under. Long paragraphs are cut every few lines so a passage stays quotable;
/// fenced code blocks are kept whole up to that limit, their '#' lines not taken for headings.
/// </summary>
internal static class DocumentPassages
{
    public static IEnumerable<Passage> Split(string file, string text, int maxLines = 12)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var passages = new List<Passage>();
        string? heading = null;
        var start = -1;
        var buffer = new List<string>();
        var inFence = false;

        void Flush()
        {
            if (buffer.Count > 0)
            {
                passages.Add(new Passage(file, start + 1, heading, string.Join('\n', buffer).Trim()));
            }

            buffer.Clear();
            start = -1;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && IsHeading(lines, i))
            {
                Flush();
                heading = trimmed.TrimStart('#').Trim();
                continue;
            }

            if ((trimmed.Length == 0 && !inFence) || buffer.Count >= maxLines)
            {
                Flush();
            }

            // Blank lines separate passages; a setext underline belongs to the heading before it.
            if (trimmed.Length == 0 || (buffer.Count == 0 && IsUnderline(trimmed)))
            {
                continue;
            }

            start = start < 0 ? i : start;
            buffer.Add(lines[i]);
        }

        Flush();
        return passages;
    }

    /// <summary>An ATX heading ("## Title") or a line underlined with '=' or '-' (setext).</summary>
    private static bool IsHeading(string[] lines, int i)
    {
        var trimmed = lines[i].Trim();
        if (trimmed.StartsWith('#'))
        {
            return trimmed.TrimStart('#').StartsWith(' ');
        }

        return trimmed.Length > 0 && !IsUnderline(trimmed) && i + 1 < lines.Length && lines[i + 1].Trim() is { Length: > 2 } under && IsUnderline(under);
    }

    private static bool IsUnderline(string trimmed) => trimmed.Length > 0 && trimmed.All(c => c is '=' or '-');
}
