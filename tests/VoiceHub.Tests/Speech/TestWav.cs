using System.Buffers.Binary;

namespace VoiceHub.Tests.Speech;

/// <summary>WAV files written in a test: a tone of a given length, rate, channel count and encoding.</summary>
public static class TestWav
{
    public static byte[] Tone(double seconds, int rate = 16_000, int channels = 1, int bits = 16, ushort format = 1)
    {
        var frames = (int)(seconds * rate);
        var bytesPerSample = bits / 8;
        var data = new byte[frames * channels * bytesPerSample];
        for (var f = 0; f < frames; f++)
        {
            var value = Math.Sin(2 * Math.PI * 440 * f / rate) * 0.3;
            for (var c = 0; c < channels; c++)
            {
                var at = (f * channels + c) * bytesPerSample;
                if (bits == 16)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(at), (short)(value * short.MaxValue));
                }
                else if (bits == 8)
                {
                    data[at] = (byte)(128 + value * 127);
                }
            }
        }

        return Wrap(data, rate, channels, bits, format);
    }

    public static byte[] Wrap(byte[] data, int rate, int channels, int bits, ushort format = 1)
    {
        var wav = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), format);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data.Length);
        data.CopyTo(wav.AsSpan(44));
        return wav;
    }
}
