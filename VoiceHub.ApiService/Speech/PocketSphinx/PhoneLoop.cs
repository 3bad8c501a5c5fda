namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// The yardstick for rejection: a grammar that is any sequence of the model's phones, each phone
/// a "word" of its own (<c>ph_aa</c>). Decoded with the same acoustic model and senone scores as
/// the command grammar, its path is the best the audio can score at all; a command sentence that
/// scores far below it per frame was not what was said.
/// </summary>
internal static class PhoneLoop
{
    public static string Word(string phone) => "ph_" + phone.ToLowerInvariant();

    public static IEnumerable<string> DictionaryLines(IEnumerable<string> phones) => phones.Select(p => $"{Word(p)} {p}");

    public static string Jsgf(IEnumerable<string> phones) =>
        $"#JSGF V1.0;\ngrammar phones;\npublic <loop> = ( {string.Join(" | ", phones.Select(Word))} )+ ;\n";
}
