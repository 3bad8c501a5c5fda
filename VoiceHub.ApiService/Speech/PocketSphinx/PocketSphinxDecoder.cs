using System.Runtime.InteropServices;
using static VoiceHub.ApiService.Speech.PocketSphinx.PocketSphinxNative;

namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>What one decoder made of one utterance: the grammar's best sentence and the scores that judge it.</summary>
/// <param name="Text">Best sentence the grammar allows (fillers removed); empty when the decoder found none.</param>
/// <param name="Alternatives">Other sentences from the n-best list, best first, without duplicates.</param>
/// <param name="Grammar">Segments of the grammar's path: words and fillers with their frames and acoustic scores.</param>
/// <param name="PhoneLoop">Segments of the unconstrained phone loop's path over the same audio.</param>
/// <param name="Frames">Number of 10 ms frames.</param>
/// <param name="WidePass">Whether the sentence came from the second, wider-beam grammar search (the first ended on no sentence).</param>
internal sealed record DecodeResult(string Text, IReadOnlyList<string> Alternatives, Segment[] Grammar, Segment[] PhoneLoop, int Frames, bool WidePass = false);

/// <summary>A word (or filler, or phone) of a decoded path: first and last frame, acoustic score (log domain, higher is better).</summary>
internal readonly record struct Segment(string Word, int Start, int End, int Acoustic)
{
    public bool IsFiller => Word.Length == 0 || Word[0] is '<' or '[' or '+';
}

/// <summary>
/// A PocketSphinx decoder with two searches over the same acoustic model: the grammar (an FSG generated from the intent
/// grammar) and an all-phone loop used only to judge how well the grammar's sentence fits. With two or more cores the phone
/// loop has a native decoder of its own and runs beside the grammar search (<see cref="ParallelPhoneLoop"/>). Not
/// thread-safe: <see cref="DecoderPool"/> lends it to one request at a time.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private const string GrammarSearch = "_default";
    private const string PhoneSearch = "phones";
    private const string WideSearch = "wide";
    private const int MaxNBestVisited = 20;

    private IntPtr _config;
    private IntPtr _decoder;
    private bool _hasWide;

    /// <summary>Extra decoder arguments for tuning runs of the speech bench (<c>--ps "-wip 0.2"</c>); empty in the hub.</summary>
    internal static string[] TuningArguments { get; set; } = [];

    /// <summary>Extra arguments of the phone loop's own decoder only (<c>--phone-ps "-topn 2"</c>; tuning runs of the bench).</summary>
    internal static string[] PhoneLoopTuningArguments { get; set; } = [];

    /// <summary>Other sentences taken from the n-best list (0: none, and no n-best walk; tuning runs of the bench).</summary>
    internal static int MaxAlternatives { get; set; } = 3;

    /// <summary>
    /// Beams of the second grammar search, run only when the first ends on no sentence (its best paths were pruned before
    /// the grammar's end): wider than the defaults (1e-48, 7e-29, 1e-48), so it costs more but only on those clips.
    /// Null turns the second pass off (tuning runs of the bench).
    /// </summary>
    internal static (double Beam, double WordBeam, double PhoneBeam)? WideBeams { get; set; } = (1e-80, 1e-60, 1e-80);

    /// <summary>
    /// Beams of the phone-loop search, narrower than the grammar's (1e-48, 7e-29, 1e-48): the yardstick only needs a good
    /// path, not the best of every phone sequence. On the espeak-ng bench 1e-30/1e-20/1e-30 cut a 3.5 s utterance from 268 to
    /// 230 ms of CPU with the same in-domain accuracy, and rejected more out-of-domain clips (35 of 45 against 31); with the
    /// grammar's finer scoring (<c>-topn 8</c>) 1e-20/1e-15/1e-20 keep that rejection (35, against 31 at 1e-30) with the same
    /// clips right, and cost less. Null: the decoder's own.
    /// </summary>
    internal static (double Beam, double WordBeam, double PhoneBeam)? PhoneLoopBeams { get; set; } = (1e-20, 1e-15, 1e-20);

    /// <summary>
    /// Silence insertion probability of the phone-loop search: PocketSphinx's default, where the grammar's is ten times
    /// lower. The yardstick explains the audio as freely as it can; on the espeak-ng bench this rejected one more
    /// out-of-domain clip (36 of 45) than the grammar's 0.0005, with the same clips right. Null: the decoder's own.
    /// </summary>
    internal static double? PhoneLoopSilenceProbability { get; set; } = 0.005;

    /// <summary>
    /// Most HMMs the wide search keeps active per frame: past it PocketSphinx narrows the beams frame by frame, so the
    /// second pass costs a bounded multiple of the first (unbounded, one noisy clip took seconds of CPU).
    /// </summary>
    internal static int WideMaxHmmsPerFrame { get; set; } = 4000;

    /// <summary>
    /// Whether the phone loop runs on a second native decoder at the same time as the grammar search (two cores: the wall
    /// time of a decode is about the longer search instead of both); otherwise after it, on the same decoder. When the
    /// grammar search ends on no sentence, the parallel phone loop's work is thrown away. A setting for the speech bench.
    /// </summary>
    internal static bool ParallelPhoneLoop { get; set; } = Environment.ProcessorCount > 1;

    // The phone loop's own native decoder when it runs in parallel; else the grammar's decoder has that search too.
    private IntPtr _phoneConfig;
    private IntPtr _phoneDecoder;

    private PocketSphinxDecoder(IntPtr config, IntPtr decoder) => (_config, _decoder) = (config, decoder);

    /// <summary>Creates a decoder for the model folder, dictionary file and FSG file; throws with the reason when PocketSphinx refuses them.</summary>
    /// <param name="parallel">Whether the phone loop gets its own native decoder; null: <see cref="ParallelPhoneLoop"/>.</param>
    public static PocketSphinxDecoder Create(SpeechModelFiles model, string dictionaryPath, string fsgPath, string phoneLoopJsgf, bool? parallel = null)
    {
        var (config, decoder) = Native(model, dictionaryPath, fsgPath);
        var result = new PocketSphinxDecoder(config, decoder);
        try
        {
            if (parallel ?? ParallelPhoneLoop)
            {
                (result._phoneConfig, result._phoneDecoder) = Native(model, dictionaryPath, fsgPath, PhoneLoopTuningArguments);
            }

            if (!WithBeams(result.PhoneDecoder, PhoneLoopBeams, () => ps_set_jsgf_string(result.PhoneDecoder, PhoneSearch, phoneLoopJsgf) >= 0, PhoneLoopSilenceProbability) ||
                (WideBeams is { } wide && !result.AddWideSearch(wide)))
            {
                throw new InvalidOperationException("PocketSphinx refused the phone-loop grammar or the second grammar search.");
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private IntPtr PhoneDecoder => _phoneDecoder != IntPtr.Zero ? _phoneDecoder : _decoder;

    /// <summary>One native decoder (model, dictionary, the grammar as its default search) with its configuration.</summary>
    private static (IntPtr Config, IntPtr Decoder) Native(SpeechModelFiles model, string dictionaryPath, string fsgPath, string[]? tuning = null)
    {
        string[] args =
        [
            "-hmm", model.AcousticModel, "-dict", dictionaryPath, "-fsg", fsgPath,
            "-logfn", "/dev/null", "-samprate", "16000",
            // Only the senones of active states are scored. Scoring all of them would normalise both searches by the
            // same per-frame best, but on the espeak-ng set it rejected no better (13 vs 12 of 15) and cost 45 % more time.
            "-compallsen", "no",
            // The whole utterance is there at once: normalise over it, not with a running mean carried from the previous request.
            "-cmn", "batch",
            // A lower language weight than the default 6.5 let the acoustics decide more: +4 of 48 espeak-ng clips right.
            "-lw", "3",
            // Each frame is scored with the best 8 of a codebook's 128 Gaussians instead of 4: a closer likelihood, +5 of 120
            // espeak-ng clips right for ~40 ms more CPU on a 3 s utterance (docs/PERFORMANCE.md, round 3).
            "-topn", "8",
            // Silence between words 10x less likely than the default 0.005: silence had absorbed speech ("fri" of "friday",
            // "what can you" after "hey hub"); with topn 8, +1 clip and no out-of-domain clip more let through.
            "-silprob", "0.0005",
        ];
        args = WithTuning(WithTuning(args, TuningArguments), tuning ?? []);
        var config = cmd_ln_parse_r(IntPtr.Zero, ps_args(), args.Length, args, 1);
        if (config == IntPtr.Zero)
        {
            throw new InvalidOperationException("PocketSphinx rejected its configuration.");
        }

        var decoder = ps_init(config);
        if (decoder == IntPtr.Zero)
        {
            cmd_ln_free_r(config);
            throw new InvalidOperationException($"PocketSphinx could not load the model in '{model.AcousticModel}' with dictionary '{dictionaryPath}'.");
        }

        return (config, decoder);
    }

    /// <summary>The arguments with <see cref="TuningArguments"/> (name-value pairs) replacing the same names or added (PocketSphinx refuses a name twice).</summary>
    private static string[] WithTuning(string[] args, string[] tuning)
    {
        var tuned = new List<string>();
        var overridden = tuning.Where((_, i) => i % 2 == 0).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!overridden.Contains(args[i]))
            {
                tuned.AddRange([args[i], args[i + 1]]);
            }
        }

        return [.. tuned, .. tuning];
    }

    /// <summary>The same grammar as a second search with wide beams.</summary>
    private bool AddWideSearch((double Beam, double WordBeam, double PhoneBeam) wide)
    {
        var fsg = ps_get_fsg(_decoder, GrammarSearch);
        _hasWide = fsg != IntPtr.Zero && WithBeams(_decoder, wide, () => ps_set_fsg(_decoder, WideSearch, fsg) >= 0);
        return _hasWide;
    }

    /// <summary>
    /// Runs <paramref name="add"/> (which makes a search) with these beams (and silence probability, when given) in the
    /// configuration, read while the search is made, then puts the previous ones back.
    /// </summary>
    private static bool WithBeams(IntPtr decoder, (double Beam, double WordBeam, double PhoneBeam)? beams, Func<bool> add, double? silenceProbability = null)
    {
        var config = ps_get_config(decoder);
        if (beams is not { } set)
        {
            return add();
        }

        if (config == IntPtr.Zero)
        {
            return false;
        }

        (string Name, double Value)[] values = [("-beam", set.Beam), ("-wbeam", set.WordBeam), ("-pbeam", set.PhoneBeam)];
        if (silenceProbability is { } silence)
        {
            values = [.. values, ("-silprob", silence)];
        }
        var before = values.Select(b => cmd_ln_float_r(config, b.Name)).ToArray();
        foreach (var (name, value) in values)
        {
            cmd_ln_set_float_r(config, name, value);
        }

        try
        {
            return add();
        }
        finally
        {
            for (var i = 0; i < values.Length; i++)
            {
                cmd_ln_set_float_r(config, values[i].Name, before[i]);
            }
        }
    }

    /// <summary>
    /// Decodes 16 kHz mono samples with the grammar (once more with wide beams when that ends on no sentence) and with the
    /// phone loop that judges its sentence: at the same time on two decoders (<see cref="ParallelPhoneLoop"/>), else the
    /// phone loop afterwards and only when there is a sentence to judge.
    /// </summary>
    public DecodeResult Decode(short[] samples)
    {
        ObjectDisposedException.ThrowIf(_decoder == IntPtr.Zero, this);
        var phoneLoop = _phoneDecoder != IntPtr.Zero ? Task.Run(() => PhoneLoopSegments(samples)) : null;
        try
        {
            Run(_decoder, GrammarSearch, samples);
            var text = Hypothesis();
            var wide = text.Length == 0 && _hasWide;
            if (wide)
            {
                RunWide(samples);
                text = Hypothesis();
            }

            var frames = ps_get_n_frames(_decoder);
            if (text.Length == 0)
            {
                return new DecodeResult("", [], [], [], frames, wide);
            }

            // The wide search's lattice is large and an n-best walk of it took seconds; its sentence stands alone.
            var (alternatives, grammar) = (wide || MaxAlternatives == 0 ? [] : NBest(text), Segments(_decoder));
            var phones = phoneLoop is null ? PhoneLoopSegments(samples) : phoneLoop.GetAwaiter().GetResult();
            return new DecodeResult(text, alternatives, grammar, phones, frames, wide);
        }
        finally
        {
            // The phone decoder must be idle before this decoder goes back to the pool (or is freed). Its failure was
            // already thrown above when its result was used; without a sentence it was not needed.
            try
            {
                phoneLoop?.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }

    private Segment[] PhoneLoopSegments(short[] samples)
    {
        Run(PhoneDecoder, PhoneSearch, samples);
        return Segments(PhoneDecoder);
    }

    /// <summary>The wide search with the per-frame HMM cap, which PocketSphinx reads from the configuration every frame.</summary>
    private void RunWide(short[] samples)
    {
        var config = ps_get_config(_decoder);
        var before = cmd_ln_int_r(config, "-maxhmmpf");
        cmd_ln_set_int_r(config, "-maxhmmpf", WideMaxHmmsPerFrame);
        try
        {
            Run(_decoder, WideSearch, samples);
        }
        finally
        {
            cmd_ln_set_int_r(config, "-maxhmmpf", before);
        }
    }

    private static unsafe void Run(IntPtr decoder, string search, short[] samples)
    {
        if (ps_set_search(decoder, search) < 0 || ps_start_utt(decoder) < 0)
        {
            throw new InvalidOperationException($"PocketSphinx could not start an utterance with search '{search}'.");
        }

        fixed (short* data = samples)
        {
            ps_process_raw(decoder, data, (nuint)samples.Length, 0, 1);
        }

        ps_end_utt(decoder);
    }

    private string Hypothesis() =>
        ps_get_hyp(_decoder, out _) is var hyp && hyp != IntPtr.Zero ? Clean(Marshal.PtrToStringUTF8(hyp)) : "";

    private List<string> NBest(string best)
    {
        var alternatives = new List<string>();
        var nbest = ps_nbest(_decoder);
        for (var visited = 0; nbest != IntPtr.Zero && visited < MaxNBestVisited && alternatives.Count < MaxAlternatives; visited++)
        {
            var text = Clean(Marshal.PtrToStringUTF8(ps_nbest_hyp(nbest, out _)));
            if (text.Length > 0 && text != best && !alternatives.Contains(text))
            {
                alternatives.Add(text);
            }

            nbest = ps_nbest_next(nbest); // frees the iterator when it reaches the end
        }

        if (nbest != IntPtr.Zero)
        {
            ps_nbest_free(nbest);
        }

        return alternatives;
    }

    private static Segment[] Segments(IntPtr decoder)
    {
        var segments = new List<Segment>();
        for (var seg = ps_seg_iter(decoder); seg != IntPtr.Zero; seg = ps_seg_next(seg))
        {
            ps_seg_prob(seg, out var acoustic, out _, out _);
            ps_seg_frames(seg, out var start, out var end);
            segments.Add(new Segment(Marshal.PtrToStringUTF8(ps_seg_word(seg)) ?? "", start, end, acoustic));
        }

        return [.. segments];
    }

    /// <summary>Drops filler tokens (&lt;sil&gt;, [NOISE]) and pronunciation variants ("the(2)").</summary>
    private static string Clean(string? hypothesis) => hypothesis is null ? "" : string.Join(' ',
        hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w[0] is not ('<' or '[' or '+'))
            .Select(w => w.IndexOf('(') is > 0 and var i ? w[..i] : w));

    public void Dispose()
    {
        Free(ref _phoneDecoder, ref _phoneConfig);
        Free(ref _decoder, ref _config);
    }

    /// <summary>Frees a native decoder, then its configuration (once each).</summary>
    private static void Free(ref IntPtr decoder, ref IntPtr config)
    {
        if (decoder != IntPtr.Zero)
        {
            ps_free(decoder);
            decoder = IntPtr.Zero;
        }

        if (config != IntPtr.Zero)
        {
            cmd_ln_free_r(config);
            config = IntPtr.Zero;
        }
    }
}
