using System.Buffers.Binary;

namespace VoiceHub.ApiService.Speech.Synthesis;

/// <summary>
/// espeak-ng writing to a pipe cannot seek back, so its WAV header carries placeholder sizes
/// (0x7FFFF000). Browsers' decoders are strict about them: the sizes are set from the bytes that came.
/// </summary>
internal static class WavHeader
{
    /// <summary>Fixes the RIFF and data sizes of a canonical 44-byte-header PCM WAV; false when it is not one.</summary>
    public static bool TrySeal(byte[] wav)
    {
        if (wav.Length < 44 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8) ||
            !wav.AsSpan(36, 4).SequenceEqual("data"u8))
        {
            return false;
        }

        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), wav.Length - 44);
        return true;
    }
}
