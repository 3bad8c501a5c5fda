using System.Globalization;

namespace VoiceHub.Tests.Speech;

/// <summary>An espeak-ng voice at a speed, e.g. <c>en-us+f3</c> at 160 words per minute.</summary>
public sealed record Voice(string Name, int WordsPerMinute)
{
    public static readonly Voice[] All =
    [
        new("en-us", 160), new("en-gb", 140), new("en-us+f3", 190), new("en-us", 175), new("en-gb", 165), new("en-us+f3", 150),
    ];

    public override string ToString() => $"{Name}@{WordsPerMinute}";
}

/// <summary>
/// Speech made on the spot with espeak-ng and converted by sox to 16 kHz mono 16-bit, in a temp
/// folder removed on dispose.
/// </summary>
public sealed class SpokenClips : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("voicehub-speech-tests-").FullName;
    private int _count;

    public byte[] Say(string text, Voice voice)
    {
        var id = Interlocked.Increment(ref _count);
        var raw = Path.Combine(_folder, $"{id}-raw.wav");
        var final = Path.Combine(_folder, $"{id}.wav");
        SpeechTools.Run("espeak-ng", "-v", voice.Name, "-s", voice.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", raw, text);
        SpeechTools.Run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", final);
        return File.ReadAllBytes(final);
    }

    /// <summary>The same speech at another rate and channel count, to exercise resampling and downmixing.</summary>
    public byte[] SayAs(string text, Voice voice, int rate, int channels)
    {
        var wav = Say(text, voice);
        var source = Path.Combine(_folder, $"{_count}.wav");
        var converted = Path.Combine(_folder, $"{_count}-{rate}-{channels}.wav");
        SpeechTools.Run("sox", source, "-r", rate.ToString(CultureInfo.InvariantCulture), "-c", channels.ToString(CultureInfo.InvariantCulture), "-b", "16", converted);
        _ = wav;
        return File.ReadAllBytes(converted);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in temp; harmless.
        }
    }
}
