namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// The one definition of "the same word" for templates and user text: lower case, letters and
/// digits only. So "What's", "whats" and "WHAT'S?" are one word, and punctuation never blocks a match.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Longest word the matcher looks up; longer words cannot be literal template words.</summary>
    public const int MaxWordLength = 64;

    public static string Normalize(ReadOnlySpan<char> raw)
    {
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        return new string(buffer[..Normalize(raw, buffer)]);
    }

    /// <summary>Writes the normalised form into <paramref name="destination"/> (at least raw's length) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var length = 0;
        foreach (var c in raw)
        {
            if (char.IsLetterOrDigit(c))
            {
                destination[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }

    /// <summary>Splits on white space and normalises each piece, dropping pieces that were only punctuation.</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => Normalize(w)).Where(w => w.Length > 0).ToArray();
}
