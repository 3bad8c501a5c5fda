namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// espeak-ng's English phoneme names (its <c>-x</c> output, e.g. <c>j_'a_m_@L</c> for "yaml") in the CMU phone set of the
/// acoustic model (<c>Y AE M AH L</c>). Stress and pause marks are dropped; a phoneme this table does not know makes the
/// whole word unreadable (null), so nothing is guessed.
/// </summary>
internal static class EspeakPhones
{
    private static readonly Dictionary<string, string> Cmu = new(StringComparer.Ordinal)
    {
        // Vowels (en-us): schwa variants, r-coloured vowels, diphthongs.
        ["@"] = "AH", ["@-"] = "AH", ["@2"] = "AH", ["@5"] = "AH", ["@L"] = "AH L", ["3"] = "ER", ["3:"] = "ER", ["a"] = "AE", ["aa"] = "AE",
        ["a#"] = "AH", ["a2"] = "AH", ["A:"] = "AA", ["A@"] = "AA R", ["0"] = "AA", ["02"] = "AH", ["O"] = "AO", ["O:"] = "AO",
        ["O2"] = "AO", ["O@"] = "AO R", ["o@"] = "AO R", ["E"] = "EH", ["e@"] = "EH R", ["eI"] = "EY", ["I"] = "IH", ["I2"] = "IH",
        ["I#"] = "IH", ["i"] = "IY", ["i:"] = "IY", ["i@"] = "IY AH", ["i@3"] = "IH R", ["U"] = "UH", ["U@"] = "UH R", ["u"] = "UW",
        ["u:"] = "UW", ["V"] = "AH", ["aI"] = "AY", ["aI@"] = "AY ER", ["aI3"] = "AY ER", ["aU"] = "AW", ["aU@"] = "AW ER",
        ["OI"] = "OY", ["oU"] = "OW",

        // Consonants; the flap (t#, d#) and the glottal stop are the T or D a dictionary would write.
        ["p"] = "P", ["b"] = "B", ["t"] = "T", ["d"] = "D", ["k"] = "K", ["g"] = "G", ["f"] = "F", ["v"] = "V", ["s"] = "S",
        ["z"] = "Z", ["m"] = "M", ["n"] = "N", ["l"] = "L", ["r"] = "R", ["w"] = "W", ["j"] = "Y", ["h"] = "HH", ["t#"] = "T", ["t2"] = "T",
        ["d#"] = "D", ["?"] = "T", ["T"] = "TH", ["D"] = "DH", ["S"] = "SH", ["Z"] = "ZH", ["tS"] = "CH", ["dZ"] = "JH", ["N"] = "NG",
        ["r-"] = "R", ["n-"] = "AH N", ["m-"] = "AH M", ["l-"] = "AH L", ["x"] = "K", ["l/"] = "L", ["z/"] = "Z",
    };

    /// <summary>
    /// The CMU phones of one word's espeak-ng phonemes, separated by <c>_</c> (espeak-ng <c>--sep=_</c>; spaces between
    /// words of a compound also separate); null when empty or when a phoneme is not in the table.
    /// </summary>
    public static string? ToCmu(string espeak)
    {
        var phones = new List<string>();
        foreach (var token in espeak.Split(['_', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var phoneme = token.TrimStart('\'', ',', '%', '=');
            if (phoneme.Length == 0 || phoneme is ":" or ";" or "|" or "||")
            {
                continue; // stress, pause or boundary mark
            }

            if (!Cmu.TryGetValue(phoneme, out var cmu))
            {
                return null;
            }

            phones.Add(cmu);
        }

        return phones.Count == 0 ? null : string.Join(' ', phones);
    }
}
