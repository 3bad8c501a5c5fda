namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>The files of a PocketSphinx model folder (Debian's pocketsphinx-en-us layout).</summary>
/// <param name="AcousticModel">Folder with mdef, means, variances… (<c>en-us/en-us</c>).</param>
/// <param name="Dictionary">Pronunciation dictionary (<c>cmudict-en-us.dict</c>).</param>
internal sealed record SpeechModelFiles(string AcousticModel, string Dictionary)
{
    public static SpeechModelFiles InFolder(string folder) => new(Path.Combine(folder, "en-us"), Path.Combine(folder, "cmudict-en-us.dict"));

    /// <summary>Null when every file is there, else which one is missing.</summary>
    public string? Missing()
    {
        if (!File.Exists(Path.Combine(AcousticModel, "mdef")))
        {
            return $"acoustic model not found: '{AcousticModel}' has no mdef (install pocketsphinx-en-us or set {SpeechOptions.Section}:ModelPath)";
        }

        return File.Exists(Dictionary) ? null : $"pronunciation dictionary not found: '{Dictionary}'";
    }
}
