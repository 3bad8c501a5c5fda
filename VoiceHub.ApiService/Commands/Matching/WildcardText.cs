namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// A wildcard keeps the user's text as typed ("data/sales.csv", "https://localhost:5001/health"),
/// minus the sentence punctuation and quotes around it that are not part of the value.
/// </summary>
internal static class WildcardText
{
    private const string Quotes = "\"'`“”‘’«»";
    private const string TrailingPunctuation = ".,!?;:";

    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim().TrimStart(Quotes);
        while (trimmed.Length > 1 && (Quotes.Contains(trimmed[^1]) || TrailingPunctuation.Contains(trimmed[^1])))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed;
    }
}
