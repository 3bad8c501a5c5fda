using VoiceHub.ApiService.Speech;

namespace VoiceHub.Tests.Speech;

/// <summary>Reading WAV bodies: what is accepted and converted, and the problem for what is not.</summary>
public sealed class WavDecoderTests
{
    [Theory]
    [InlineData(16_000, 1, 16)]
    [InlineData(44_100, 2, 16)]
    [InlineData(48_000, 2, 16)]
    [InlineData(8_000, 1, 8)]
    [InlineData(22_050, 1, 16)]
    public void Pcm_at_any_common_rate_and_channel_count_becomes_16_kHz_mono(int rate, int channels, int bits)
    {
        var (audio, problem) = WavDecoder.Decode(TestWav.Tone(1.5, rate, channels, bits), 15);

        Assert.Null(problem);
        Assert.InRange(audio!.Samples.Length, 23_900, 24_000);
        Assert.Equal(1.5, audio.DurationSeconds, 1);
        Assert.True(audio.Samples.Max() > 5_000, "the tone survives conversion");
    }

    [Fact]
    public void Stereo_is_averaged_to_mono()
    {
        var data = new byte[4 * 1600];
        for (var i = 0; i < 1600; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * 4), (short)1000);
            BitConverter.TryWriteBytes(data.AsSpan(i * 4 + 2), (short)3000);
        }

        var (audio, _) = WavDecoder.Decode(TestWav.Wrap(data, 16_000, 2, 16), 15);

        Assert.All(audio!.Samples, s => Assert.Equal(2000, s));
    }

    [Theory]
    [InlineData("not a wav file at all, just text", 415, "not a WAV file")]
    [InlineData("RIFF\0\0\0\0WAVE", 400, "no 'fmt ' chunk")]
    public void Body_that_is_not_wav_is_refused_with_what_to_send(string body, int status, string detail)
    {
        var (_, problem) = WavDecoder.Decode(System.Text.Encoding.ASCII.GetBytes(body), 15);

        Assert.Equal(status, problem!.Status);
        Assert.Contains(detail, problem.Detail);
    }

    [Fact]
    public void Compressed_wav_is_refused_as_unsupported()
    {
        var (_, problem) = WavDecoder.Decode(TestWav.Tone(1, bits: 8, format: 6), 15); // A-law

        Assert.Equal(415, problem!.Status);
        Assert.Contains("format 6", problem.Detail);
    }

    [Fact]
    public void Audio_over_the_maximum_duration_is_too_large()
    {
        var (_, problem) = WavDecoder.Decode(TestWav.Tone(3), 2);

        Assert.Equal(413, problem!.Status);
        Assert.Contains("at most 2 s", problem.Detail);
    }

    [Fact]
    public void Wav_without_samples_is_empty()
    {
        var (_, problem) = WavDecoder.Decode(TestWav.Wrap([], 16_000, 1, 16), 15);

        Assert.Equal(400, problem!.Status);
    }
}
