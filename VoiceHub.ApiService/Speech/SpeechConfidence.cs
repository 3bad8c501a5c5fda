using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// How much to believe a grammar-constrained transcript. The grammar always yields some sentence,
/// so the sentence's acoustic score is compared with that of an unconstrained phone loop over the
/// same frames: speech that is one of the grammar's sentences scores nearly as well as the free
/// phone loop; other speech forced into a sentence scores much worse per frame.
/// </summary>
internal static class SpeechConfidence
{
    /// <summary>Per-frame score gap (log domain) at which confidence reaches 0; calibrated on espeak-ng voices, see docs/PERFORMANCE.md.</summary>
    public const double ZeroAtGap = 3000;

    /// <summary>Per-frame gap the phone loop may win by without lowering confidence (it also fits noise and fillers).</summary>
    public const double FreeGap = 300;

    public static double FromScores(DecodeResult result)
    {
        if (result.Frames == 0 || result.Text.Length == 0)
        {
            return 0;
        }

        var gap = Gap(result);
        var confidence = 1 - Math.Max(0, gap - FreeGap) / (ZeroAtGap - FreeGap);
        return Math.Round(Math.Clamp(confidence, 0, 1), 2);
    }

    /// <summary>How much better, per frame, the phone loop fits than the grammar's sentence.</summary>
    public static double Gap(DecodeResult result) =>
        result.Frames == 0 ? double.PositiveInfinity : (result.PhoneLoopAcoustic - result.GrammarAcoustic) / (double)result.Frames;
}
