namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// One build of the speech grammar: its FSG and dictionary files in a folder of their own, the
/// vocabulary that maps spoken names back, and the decoders that use them.
/// </summary>
internal sealed class SpeechGrammarVersion : IDisposable
{
    private SpeechGrammarVersion(string folder, SpeechGrammar grammar, SpokenVocabulary vocabulary, DecoderPool decoders) =>
        (Folder, Grammar, Vocabulary, Decoders) = (folder, grammar, vocabulary, decoders);

    public string Folder { get; }

    public SpeechGrammar Grammar { get; }

    public SpokenVocabulary Vocabulary { get; }

    public DecoderPool Decoders { get; }

    /// <summary>Writes the files and creates the first decoder, so a grammar PocketSphinx refuses fails here.</summary>
    public static SpeechGrammarVersion Create(
        SpeechModelFiles model, PronunciationDictionary dictionary, SpeechGrammar grammar, SpokenVocabulary vocabulary, int decoders)
    {
        var folder = Directory.CreateTempSubdirectory("voicehub-speech-").FullName;
        var (fsgPath, dictPath) = (Path.Combine(folder, "commands.fsg"), Path.Combine(folder, "commands.dict"));
        File.WriteAllText(fsgPath, grammar.Fsg);
        dictionary.WriteSubset(grammar.Words, dictPath);
        File.AppendAllLines(dictPath, PhoneLoop.DictionaryLines(dictionary.Phones));
        var phoneLoop = PhoneLoop.Jsgf(dictionary.Phones);
        var pool = new DecoderPool(() => PocketSphinxDecoder.Create(model, dictPath, fsgPath, phoneLoop), decoders);
        var version = new SpeechGrammarVersion(folder, grammar, vocabulary, pool);
        try
        {
            pool.Warm();
            return version;
        }
        catch
        {
            version.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Decoders.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the OS cleans temp.
        }
    }
}
