namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// A Southern British reading of a US (CMU) pronunciation, made by rule for every word of the speech
/// grammar and added as a second pronunciation ("start(2) S T AA T"). The acoustic model is US English,
/// so a British speaker's words otherwise have to be forced onto r-coloured vowels and US vowels they
/// never said; the rules are the textbook differences between the accents, not fitted to any voice:
/// <list type="bullet">
/// <item>Non-rhotic: an R after a vowel is not said unless a vowel follows ("start" S T AA T), and
/// the NURSE vowel without its R is closest to AH ("work" W AH K).</item>
/// <item>BATH broad A: AE becomes AA before F, TH or S closing a syllable ("after", "path", "last"), and before
/// N + T/S/CH at a syllable's end ("can't", "dance"); not before a vowel ("cancel", "classic" keep AE).</item>
/// <item>LOT vowel: the US AA of a word spelled with "o" ("job", "stop", "docs") is rounded in British
/// English; the model's nearest rounded vowel is AO.</item>
/// </list>
/// </summary>
internal static class BritishVariants
{
    private static readonly HashSet<string> Vowels =
        new(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"], StringComparer.Ordinal);

    /// <summary>
    /// Off: on the espeak-ng bench the en-gb voice was no better with them (68 % either way) and 2 more of 45
    /// out-of-domain clips passed rejection (docs/PERFORMANCE.md); the bench turns them on with <c>--british</c>.
    /// </summary>
    internal static bool Enabled { get; set; }

    /// <summary>The British reading of <paramref name="pronunciation"/>, or null when it is the same.</summary>
    public static string? Of(string word, string pronunciation)
    {
        var phones = pronunciation.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(phones.Length);
        for (var i = 0; i < phones.Length; i++)
        {
            var (phone, next, after) = (phones[i], At(phones, i + 1), At(phones, i + 2));
            var vowelFollows = next is not null && Vowels.Contains(next);
            switch (phone)
            {
                case "R" when i > 0 && Vowels.Contains(phones[i - 1]) && !vowelFollows:
                    continue; // non-rhotic: the R is not said
                case "ER" when !vowelFollows:
                    result.Add("AH");
                    continue;
                case "AE" when BroadA(next, after, At(phones, i + 3)):
                    result.Add("AA");
                    continue;
                case "AA" when next != "R" && word.Contains('o', StringComparison.Ordinal):
                    result.Add("AO");
                    continue;
                default:
                    result.Add(phone);
                    break;
            }
        }

        var british = string.Join(' ', result);
        return british == string.Join(' ', phones) || result.Count == 0 ? null : british;
    }

    private static bool BroadA(string? next, string? after, string? third) => next switch
    {
        "F" or "TH" or "S" => after is null || !Vowels.Contains(after),
        "N" => after is "T" or "S" or "CH" && (third is null || !Vowels.Contains(third)),
        _ => false,
    };

    private static string? At(string[] phones, int index) => index < phones.Length ? phones[index] : null;
}
