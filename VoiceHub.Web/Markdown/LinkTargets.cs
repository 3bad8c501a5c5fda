namespace VoiceHub.Web.Markdown;

/// <summary>
/// Which link and image targets a report may carry: http(s) and relative ones. Anything with another
/// scheme (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, <c>file:</c>, ...) is refused, however it is
/// disguised: browsers drop tabs, newlines and leading spaces or control characters before reading a
/// scheme, and so does this check.
/// </summary>
public static class LinkTargets
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var cleaned = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = cleaned.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        // A ':' after the first '/', '?' or '#' belongs to a path, query or fragment: still relative.
        var firstDelimiter = cleaned.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true;
        }

        var scheme = cleaned[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
    }
}
