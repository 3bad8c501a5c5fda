namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>The files of a PocketSphinx model folder (Debian's pocketsphinx-en-us layout).</summary>
/// <param name="AcousticModel">Folder with mdef, means, variances… (<c>en-us/en-us</c>).</param>
/// <param name="Dictionary">Pronunciation dictionary (<c>cmudict-en-us.dict</c>).</param>
/// <param name="PhoneLanguageModel">Phone language model for the all-phone loop (<c>en-us-phone.lm.bin</c>).</param>
internal sealed record SpeechModelFiles(string AcousticModel, string Dictionary, string PhoneLanguageModel)
{
    public static SpeechModelFiles InFolder(string folder) => new(
        Path.Combine(folder, "en-us"),
        Path.Combine(folder, "cmudict-en-us.dict"),
        Path.Combine(folder, "en-us-phone.lm.bin"));

    /// <summary>Null when every file is there, else which one is missing.</summary>
    public string? Missing()
    {
        if (!File.Exists(Path.Combine(AcousticModel, "mdef")))
        {
            return $"acoustic model not found: '{AcousticModel}' has no mdef (install pocketsphinx-en-us or set {SpeechOptions.Section}:ModelPath)";
        }

        return !File.Exists(Dictionary) ? $"pronunciation dictionary not found: '{Dictionary}'"
            : !File.Exists(PhoneLanguageModel) ? $"phone language model not found: '{PhoneLanguageModel}'"
            : null;
    }
}
