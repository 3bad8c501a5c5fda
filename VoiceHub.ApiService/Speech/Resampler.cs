namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Converts mono audio to 16 kHz by linear interpolation, after a moving-average low-pass when
/// the rate goes down so that higher frequencies do not fold into the speech band. Cheap and good
/// enough for a recogniser whose features stop at 8 kHz; not for listening.
/// </summary>
internal static class Resampler
{
    public static short[] To16k(float[] mono, int rate)
    {
        if (rate == SpeechAudio.SampleRate)
        {
            return Array.ConvertAll(mono, Clip);
        }

        var ratio = rate / (double)SpeechAudio.SampleRate;
        var source = ratio > 1 ? LowPass(mono, (int)Math.Ceiling(ratio)) : mono;
        var length = (int)(mono.Length / ratio);
        var output = new short[length];
        for (var i = 0; i < length; i++)
        {
            var position = i * ratio;
            var index = (int)position;
            var next = Math.Min(index + 1, source.Length - 1);
            var fraction = (float)(position - index);
            output[i] = Clip(source[index] + (source[next] - source[index]) * fraction);
        }

        return output;
    }

    private static float[] LowPass(float[] input, int width)
    {
        var output = new float[input.Length];
        var sum = 0f;
        for (var i = 0; i < input.Length; i++)
        {
            sum += input[i];
            if (i >= width)
            {
                sum -= input[i - width];
            }

            output[i] = sum / Math.Min(i + 1, width);
        }

        return output;
    }

    private static short Clip(float value) => (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
}
