using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.ApiService.Speech;

/// <summary>How well the grammar's sentence fits the audio, next to the unconstrained phone loop.</summary>
/// <param name="Overall">Per-frame gap over all words of the sentence (silence and fillers left out).</param>
/// <param name="WorstWord">Per-frame gap of the word that fits worst.</param>
internal readonly record struct AcousticFit(double Overall, double WorstWord);

/// <summary>
/// How much to believe a grammar-constrained transcript. The grammar always yields some sentence,
/// so each of its words is compared with an unconstrained phone loop decoded over the same frames
/// with the same senone scores: a word that was said scores about as well as the free phone loop;
/// a word forced onto other speech scores much worse per frame. The worst word and the whole
/// sentence both count, so one invented word is enough to doubt the sentence.
/// </summary>
internal static class SpeechConfidence
{
    /// <summary>Per-frame gap (acoustic score units: log base 1.0001, scaled by 2^-10) where confidence reaches 0; calibrated on espeak-ng voices, see docs/PERFORMANCE.md.</summary>
    public const double OverallZeroAt = 40;

    /// <summary>Gap the phone loop may win by without lowering confidence: it fits anything a little better.</summary>
    public const double OverallFree = 8;

    /// <summary>Segments shorter than this (30 ms) are too short to judge.</summary>
    private const int MinFrames = 3;

    /// <summary>
    /// From the whole sentence's gap only: on espeak-ng voices the worst single word was too noisy to
    /// judge by (a right sentence could have one word 100 behind), so it is reported, not used.
    /// </summary>
    public static double FromFit(AcousticFit fit) => Math.Round(Scale(fit.Overall, OverallFree, OverallZeroAt), 2);

    /// <summary>Null when there is no sentence to judge.</summary>
    public static AcousticFit? Fit(DecodeResult result)
    {
        if (!result.Grammar.Any(s => !s.IsFiller) || result.Frames == 0)
        {
            return null;
        }

        var loop = PerFrame(result.PhoneLoop, result.Frames);
        double totalGap = 0, totalFrames = 0, worst = double.NegativeInfinity;
        foreach (var segment in result.Grammar.Where(s => s.End - s.Start + 1 >= MinFrames))
        {
            var frames = segment.End - segment.Start + 1;
            double loopScore = 0;
            for (var f = Math.Max(segment.Start, 0); f <= segment.End && f < loop.Length; f++)
            {
                loopScore += loop[f];
            }

            // Fillers and silence are left out: both searches model them alike, and they would dilute the words' gap.
            if (!segment.IsFiller)
            {
                var gap = loopScore - segment.Acoustic;
                worst = Math.Max(worst, gap / frames);
                totalGap += gap;
                totalFrames += frames;
            }
        }

        return totalFrames == 0 ? null : new AcousticFit(totalGap / totalFrames, worst);
    }

    /// <summary>Each segment's score spread evenly over its frames.</summary>
    private static double[] PerFrame(Segment[] segments, int frames)
    {
        var perFrame = new double[frames];
        foreach (var segment in segments)
        {
            var length = segment.End - segment.Start + 1;
            for (var f = Math.Max(segment.Start, 0); f <= segment.End && f < frames && length > 0; f++)
            {
                perFrame[f] = segment.Acoustic / (double)length;
            }
        }

        return perFrame;
    }

    private static double Scale(double gap, double free, double zeroAt) => Math.Clamp(1 - Math.Max(0, gap - free) / (zeroAt - free), 0, 1);
}
