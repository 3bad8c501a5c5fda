using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
/// Speech made with espeak-ng and converted by sox to 16 kHz mono 16-bit, in a temp folder removed
/// on dispose. With a cache folder (the bench's tuning runs) a clip is made once per espeak-ng
/// version, voice, speed and text and read back after that, so a run only decodes: espeak-ng under
/// load was the slowest part of a run and a source of noise. espeak-ng is deterministic, so a cached
/// clip is the clip it would make again.
/// </summary>
public sealed class SpokenClips(string? cacheFolder = null) : IDisposable
{
    private static readonly Lazy<string> EspeakVersion = new(() => SpeechTools.Output("espeak-ng", "--version").Trim());

    private readonly string _folder = Directory.CreateTempSubdirectory("voicehub-speech-tests-").FullName;
    private int _count;

    /// <summary>Clips read from the cache rather than made.</summary>
    public int CacheHits { get; private set; }

    public byte[] Say(string text, Voice voice)
    {
        if (cacheFolder is null)
        {
            return File.ReadAllBytes(Make(text, voice));
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{EspeakVersion.Value}\n{voice}\n{text}")))[..24];
        var cached = Path.Combine(cacheFolder, $"{key}.wav");
        if (File.Exists(cached))
        {
            CacheHits++;
            return File.ReadAllBytes(cached);
        }

        Directory.CreateDirectory(cacheFolder);
        var made = Make(text, voice);
        var partial = $"{cached}.{Environment.ProcessId}.part";
        File.Copy(made, partial, overwrite: true);
        File.Move(partial, cached, overwrite: true);
        return File.ReadAllBytes(cached);
    }

    /// <summary>The same speech at another rate and channel count, to exercise resampling and downmixing.</summary>
    public byte[] SayAs(string text, Voice voice, int rate, int channels)
    {
        var source = Make(text, voice);
        var converted = Path.Combine(_folder, $"{_count}-{rate}-{channels}.wav");
        SpeechTools.Run("sox", source, "-r", rate.ToString(CultureInfo.InvariantCulture), "-c", channels.ToString(CultureInfo.InvariantCulture), "-b", "16", converted);
        return File.ReadAllBytes(converted);
    }

    /// <summary>Says <paramref name="text"/> into a new file of the temp folder and returns its path.</summary>
    private string Make(string text, Voice voice)
    {
        var id = Interlocked.Increment(ref _count);
        var raw = Path.Combine(_folder, $"{id}-raw.wav");
        var final = Path.Combine(_folder, $"{id}.wav");
        SpeechTools.Run("espeak-ng", "-v", voice.Name, "-s", voice.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", raw, text);
        SpeechTools.Run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", final);
        return final;
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
