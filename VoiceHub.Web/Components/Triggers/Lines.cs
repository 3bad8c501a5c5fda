namespace VoiceHub.Web.Components.Triggers;

/// <summary>Reads <c>key = value</c> lines typed into a form.</summary>
public static class Lines
{
    public static Dictionary<string, string> Pairs(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                pairs[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return pairs;
    }
}
