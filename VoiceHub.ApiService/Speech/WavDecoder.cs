using System.Buffers.Binary;

namespace VoiceHub.ApiService.Speech;

/// <summary>Audio ready for recognition: 16 kHz mono 16-bit samples.</summary>
internal sealed record SpeechAudio(short[] Samples)
{
    public const int SampleRate = 16_000;

    public double DurationSeconds => Samples.Length / (double)SampleRate;
}

/// <summary>Why a body is not usable audio; <see cref="Status"/> is the HTTP status that fits.</summary>
internal sealed record AudioProblem(int Status, string Title, string Detail);

/// <summary>
/// Reads a RIFF/WAVE body: integer PCM of 8, 16, 24 or 32 bits or 32-bit float, any sample rate
/// from 8 to 96 kHz, any number of channels. Channels are averaged to mono and the rate converted
/// to 16 kHz (see <see cref="Resampler"/>); compressed WAV (µ-law, ADPCM, MP3) is refused.
/// </summary>
internal static class WavDecoder
{
    private const ushort Pcm = 1;
    private const ushort IeeeFloat = 3;
    private const ushort Extensible = 0xFFFE;

    public static (SpeechAudio? Audio, AudioProblem? Problem) Decode(ReadOnlySpan<byte> wav, double maxSeconds)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return Unsupported("The body is not a WAV file (no RIFF/WAVE header). Send 16 kHz mono 16-bit PCM WAV, e.g. `sox in.mp3 -r 16000 -c 1 -b 16 out.wav`.");
        }

        ReadOnlySpan<byte> format = default, data = default;
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav[(at + 4)..]);
            var body = wav[(at + 8)..];
            var length = (int)Math.Min(size, (uint)body.Length); // a streamed WAV may leave the data size unset
            if (wav.Slice(at, 4).SequenceEqual("fmt "u8)) { format = body[..length]; }
            else if (wav.Slice(at, 4).SequenceEqual("data"u8)) { data = body[..length]; }

            at += 8 + length + (length & 1);
        }

        if (format.Length < 16)
        {
            return Malformed("The WAV file has no 'fmt ' chunk; it is truncated or not a WAV file.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(format);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(format[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(format[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(format[14..]);
        if (tag == Extensible && format.Length >= 26)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(format[24..]);
        }

        if (!(tag == Pcm && bits is 8 or 16 or 24 or 32 || tag == IeeeFloat && bits == 32))
        {
            return Unsupported($"The WAV encoding (format {tag}, {bits}-bit) is not supported; send PCM (8/16/24/32-bit) or 32-bit float WAV, ideally 16 kHz mono 16-bit.");
        }

        if (channels is < 1 or > 8 || rate is < 8_000 or > 96_000)
        {
            return Unsupported($"{channels} channel(s) at {rate} Hz is not supported; send 1 to 8 channels at 8 to 96 kHz, ideally 16 kHz mono.");
        }

        var frameBytes = channels * bits / 8;
        var frames = data.Length / frameBytes;
        if (frames == 0)
        {
            return (null, new AudioProblem(400, "Empty audio", "The WAV file has no samples; record at least half a second of speech."));
        }

        if (frames / (double)rate > maxSeconds)
        {
            return (null, new AudioProblem(413, "Audio too long",
                $"The audio lasts {frames / (double)rate:0.#} s; a spoken command may last at most {maxSeconds:0.#} s. Send one command at a time."));
        }

        var mono = Downmix(data[..(frames * frameBytes)], channels, bits, tag == IeeeFloat);
        return (new SpeechAudio(Resampler.To16k(mono, rate)), null);
    }

    private static float[] Downmix(ReadOnlySpan<byte> data, int channels, int bits, bool isFloat)
    {
        var bytes = bits / 8;
        var frames = data.Length / (bytes * channels);
        var mono = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                sum += Sample(data.Slice((f * channels + c) * bytes, bytes), bits, isFloat);
            }

            mono[f] = sum / channels;
        }

        return mono;
    }

    /// <summary>One sample scaled to the 16-bit range.</summary>
    private static float Sample(ReadOnlySpan<byte> s, int bits, bool isFloat) => bits switch
    {
        8 => (s[0] - 128) * 256f,
        16 => BinaryPrimitives.ReadInt16LittleEndian(s),
        24 => ((s[2] << 24) | (s[1] << 16) | (s[0] << 8)) / 65536f,
        _ when isFloat => BinaryPrimitives.ReadSingleLittleEndian(s) * 32767f,
        _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 65536f,
    };

    private static (SpeechAudio?, AudioProblem?) Unsupported(string detail) => (null, new AudioProblem(415, "Unsupported audio", detail));

    private static (SpeechAudio?, AudioProblem?) Malformed(string detail) => (null, new AudioProblem(400, "Malformed audio", detail));
}
