using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Compiler;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Speech.PocketSphinx;
using VoiceHub.ApiService.Speech.Synthesis;
using VoiceHub.Tests.Speech;

namespace VoiceHub.Benchmarks.Speech;

/// <summary>
/// Speech accuracy, rejection and speed on espeak-ng clips (the test corpus, linked from tests/):
/// dotnet run -c Release --project bench/VoiceHub.Benchmarks -- speech [--per-voice 40] [--misses] [--ps "-wip 0.2"] [--clips /tmp/voicehub-speech-clips | --fresh-clips]
/// Clips are cached in <c>--clips</c> (default <see cref="DefaultClipCache"/>) so a tuning run only decodes; <c>--fresh-clips</c> makes them all again.
/// Tuning knobs (one change per run, see docs/PERFORMANCE.md): <c>--tolerant-cost N</c>, <c>--skip-cost N</c>, <c>--no-wide-pass</c>,
/// <c>--wide b,w,p</c>, <c>--wide-maxhmmpf N</c>, <c>--phone-beams b,w,p</c>, <c>--british</c>, <c>--no-readings</c>, <c>--sequential</c>, <c>--keep-grammar DIR</c>, <c>--no-nbest</c>, <c>--ps "-arg value"</c>, <c>--phone-ps "-arg value"</c> (the parallel phone loop's decoder only).
/// </summary>
public static class SpeechBench
{
    private static readonly Voice[] Voices = [new("en-us", 160), new("en-gb", 140), new("en-us+f3", 190)];

    /// <summary>Where clips are kept between runs unless <c>--clips</c> says otherwise.</summary>
    public static readonly string DefaultClipCache = Path.Combine(Path.GetTempPath(), "voicehub-speech-clips");

    /// <summary>Whether words the dictionary lacks also get espeak-ng's reading (<c>--no-readings</c>: spelled only, as before).</summary>
    private static bool ReadWords { get; set; } = true;

    public static async Task<int> RunAsync(string[] args)
    {
        var perVoice = args.Length > 1 && args[0] == "--per-voice" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var latencyOnly = args.Contains("--latency-only");
        var misses = args.Contains("--misses");
        if (Array.IndexOf(args, "--ps") is >= 0 and var at && at + 1 < args.Length)
        {
            PocketSphinxDecoder.TuningArguments = args[at + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine($"decoder arguments added: {args[at + 1]}");
        }

        if (Array.IndexOf(args, "--phone-ps") is >= 0 and var pps && pps + 1 < args.Length)
        {
            PocketSphinxDecoder.PhoneLoopTuningArguments = args[pps + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine($"phone-loop decoder arguments: {args[pps + 1]}");
        }

        if (Array.IndexOf(args, "--tolerant-cost") is >= 0 and var tc && tc + 1 < args.Length)
        {
            SpeechGrammarBuilder.TolerantCost = double.Parse(args[tc + 1], CultureInfo.InvariantCulture);
        }

        ReadWords = !args.Contains("--no-readings");
        if (args.Contains("--sequential"))
        {
            PocketSphinxDecoder.ParallelPhoneLoop = false;
        }

        if (args.Contains("--british"))
        {
            BritishVariants.Enabled = true;
        }

        if (args.Contains("--no-wide-pass"))
        {
            PocketSphinxDecoder.WideBeams = null;
        }

        if (Array.IndexOf(args, "--wide-maxhmmpf") is >= 0 and var wm && wm + 1 < args.Length)
        {
            PocketSphinxDecoder.WideMaxHmmsPerFrame = int.Parse(args[wm + 1], CultureInfo.InvariantCulture);
        }

        if (args.Contains("--no-nbest"))
        {
            PocketSphinxDecoder.MaxAlternatives = 0;
        }

        if (Array.IndexOf(args, "--phone-beams") is >= 0 and var pb && pb + 1 < args.Length)
        {
            var b = args[pb + 1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            PocketSphinxDecoder.PhoneLoopBeams = (b[0], b[1], b[2]);
            Console.WriteLine($"phone-loop beams: {PocketSphinxDecoder.PhoneLoopBeams}");
        }

        if (Array.IndexOf(args, "--wide") is >= 0 and var wb && wb + 1 < args.Length)
        {
            var b = args[wb + 1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            PocketSphinxDecoder.WideBeams = (b[0], b[1], b[2]);
        }

        if (Array.IndexOf(args, "--skip-cost") is >= 0 and var sc && sc + 1 < args.Length)
        {
            SpeechGrammarBuilder.SkipWordCost = double.Parse(args[sc + 1], CultureInfo.InvariantCulture);
        }

        if (Array.IndexOf(args, "--choice-weight") is >= 0 and var cw && cw + 1 < args.Length)
        {
            SpeechGrammarBuilder.ChoiceWeight = double.Parse(args[cw + 1], CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"choice weight {SpeechGrammarBuilder.ChoiceWeight}");
        Console.WriteLine($"tolerant words cost {SpeechGrammarBuilder.TolerantCost}, skip words {SpeechGrammarBuilder.SkipWordCost}");
        Console.WriteLine($"second pass beams: {PocketSphinxDecoder.WideBeams?.ToString() ?? "off"}, at most {PocketSphinxDecoder.WideMaxHmmsPerFrame} HMMs per frame");
        Console.WriteLine($"british variants: {BritishVariants.Enabled}; unknown words read by espeak-ng: {ReadWords}; phone loop in parallel: {PocketSphinxDecoder.ParallelPhoneLoop}");
        if (SpeechTools.Missing is { } missing)
        {
            Console.Error.WriteLine(missing);
            return 2;
        }

        var yaml = Path.Combine(AppContext.BaseDirectory, "Commands", "recognition-tests.yaml");
        var options = new SpeechOptions { ModelPath = SpeechTools.ModelPath, Decoders = 1 };
        foreach (var (list, values) in SpeechCorpus.WildcardValues(yaml))
        {
            options.Phrases[list] = [.. options.Phrases.GetValueOrDefault(list) ?? [], .. values];
        }

        using var engine = CreateEngine(options);
        var grammarPath = Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        var grammar = GrammarCompiler.Compile(GrammarLoader.LoadDirectory(grammarPath));
        var recognizer = new IntentRecognizer([new GrammarStage(grammar), new TolerantStage(grammar)], new IntentSuggester(grammar.Intents));
        var clipCache = args.Contains("--fresh-clips") ? null
            : Array.IndexOf(args, "--clips") is >= 0 and var c && c + 1 < args.Length ? args[c + 1] : DefaultClipCache;
        using var clips = new SpokenClips(clipCache);
        Console.WriteLine($"grammar: {engine.Grammar!.Words.Count} words, {engine.Grammar.States} states, {engine.Grammar.Transitions} transitions; load {File.ReadAllText("/proc/loadavg").Trim()}");

        if (Array.IndexOf(args, "--keep-grammar") is >= 0 and var kg && kg + 1 < args.Length)
        {
            // The FSG and dictionary files as the decoders use them, for decoding a clip by hand (pocketsphinx_continuous).
            Directory.CreateDirectory(args[kg + 1]);
            foreach (var file in Directory.GetFiles(engine.GrammarFolder!))
            {
                File.Copy(file, Path.Combine(args[kg + 1], Path.GetFileName(file)), overwrite: true);
            }
        }

        if (latencyOnly)
        {
            await ThreeSecondUtterance(engine, clips);
            return 0;
        }

        var inDomain = new List<SpeechOutcome>();
        var outOfDomain = new List<SpeechOutcome>();
        foreach (var voice in Voices)
        {
            foreach (var test in SpeechCorpus.InDomain(yaml, options.MaxSpokenNumber, perVoice, [voice]))
            {
                inDomain.Add(await SpeechCorpus.RunAsync(test, clips, engine, recognizer, options));
            }

            foreach (var test in SpeechCorpus.OutOfDomainCases([voice]))
            {
                outOfDomain.Add(await SpeechCorpus.RunAsync(test, clips, engine, recognizer, options));
            }
        }

        Report(inDomain, outOfDomain);
        if (misses)
        {
            PrintMisses(inDomain, outOfDomain);
        }

        await ThreeSecondUtterance(engine, clips);
        Console.WriteLine($"clips read from the cache ({clipCache ?? "none"}): {clips.CacheHits}");
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static void Report(List<SpeechOutcome> inDomain, List<SpeechOutcome> outOfDomain)
    {
        Console.WriteLine("| voice | in-domain clips | intent and slots right | rejected | out-of-domain clips | rejected | would act |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var voice in Voices)
        {
            var ins = inDomain.Where(o => o.Case.Voice == voice).ToList();
            var oods = outOfDomain.Where(o => o.Case.Voice == voice).ToList();
            Console.WriteLine($"| {voice} | {ins.Count} | {Percent(ins.Count(o => o.Right), ins.Count)} | {ins.Count(o => o.Rejected)} | {oods.Count} | {Percent(oods.Count(o => o.Rejected), oods.Count)} | {oods.Count(o => o.WouldAct)} |");
        }

        Console.WriteLine($"| all | {inDomain.Count} | {Percent(inDomain.Count(o => o.Right), inDomain.Count)} | {inDomain.Count(o => o.Rejected)} | {outOfDomain.Count} | {Percent(outOfDomain.Count(o => o.Rejected), outOfDomain.Count)} | {outOfDomain.Count(o => o.WouldAct)} |");
        foreach (var acted in outOfDomain.Where(o => o.WouldAct))
        {
            Console.WriteLine($"would act: {acted.Case.Voice} '{acted.Case.Spoken}' heard as '{acted.Transcript}' ({acted.Intent}, confidence {acted.Confidence})");
        }

        var perSecond = inDomain.Concat(outOfDomain).Select(o => o.Seconds / o.AudioSeconds).Order().ToArray();
        Console.WriteLine($"recognition time per second of audio: median {perSecond[perSecond.Length / 2] * 1000:0} ms, p95 {perSecond[(int)(perSecond.Length * 0.95)] * 1000:0} ms, over {perSecond.Length} clips");
        var cpuPerSecond = inDomain.Concat(outOfDomain).Select(o => o.CpuSeconds / o.AudioSeconds).Order().ToArray();
        Console.WriteLine($"recognition CPU time per second of audio: median {cpuPerSecond[cpuPerSecond.Length / 2] * 1000:0} ms, p95 {cpuPerSecond[(int)(cpuPerSecond.Length * 0.95)] * 1000:0} ms, max {cpuPerSecond[^1] * 1000:0} ms");
        var slowest = inDomain.Concat(outOfDomain).MaxBy(o => o.CpuSeconds)!;
        Console.WriteLine($"slowest clip: CPU {slowest.CpuSeconds * 1000:0} ms, wall {slowest.Seconds * 1000:0} ms for {slowest.AudioSeconds:0.0} s of audio ('{slowest.Case.Spoken}', {slowest.Case.Voice})");
    }

    /// <summary>Every in-domain clip not right and every out-of-domain clip not rejected, with the acoustic fit, for tuning.</summary>
    private static void PrintMisses(List<SpeechOutcome> inDomain, List<SpeechOutcome> outOfDomain)
    {
        foreach (var o in inDomain.Where(o => !o.Right).Concat(outOfDomain.Where(o => !o.Rejected)))
        {
            Console.WriteLine($"{(o.Case.Intent is null ? "ood" : "miss")} {o.Case.Voice}: '{o.Case.Spoken}' -> '{o.Transcript}' " +
                $"conf {o.Confidence:0.00}{(o.Rejected ? " rejected" : "")} intent {o.Intent} fit {o.Fit} cpu {o.CpuSeconds * 1000:0} ms");
        }

        foreach (var o in inDomain.Where(o => o.Right))
        {
            Console.WriteLine($"right {o.Case.Voice}: conf {o.Confidence:0.00} fit {o.Fit}");
        }
    }

    /// <summary>The issue's 3-second utterance (en-us@195, 3.0 s) and the 3.5 s one of the earlier tables.</summary>
    private static async Task ThreeSecondUtterance(PocketSphinxEngine engine, SpokenClips clips)
    {
        await TimeUtterance(engine, clips, "run the etl pipeline on data slash orders dot json", new Voice("en-us", 195));
        await TimeUtterance(engine, clips, "give me data insights for data slash sales dot csv", new Voice("en-us", 175));
    }

    private static async Task TimeUtterance(PocketSphinxEngine engine, SpokenClips clips, string text, Voice voice)
    {
        var (audio, _) = WavDecoder.Decode(clips.Say(text, voice), 15);
        var (times, cpu) = (new List<double>(), new List<double>());
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < 21; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await engine.TranscribeAsync(audio!, CancellationToken.None);
            times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        // Wall time is what the caller waits (with the phone loop in parallel, about the longer search on an idle second core);
        // CPU time is both searches together. Under load wall time includes waiting for a core.
        var heard = (await engine.TranscribeAsync(audio!, CancellationToken.None)).Text;
        Console.WriteLine($"{audio!.DurationSeconds:0.00} s utterance '{text}' ({voice}, heard '{heard}'): wall median {times[10]:0} ms (min {times[0]:0}, max {times[^1]:0}); " +
            $"process CPU median {cpu[10]:0} ms (min {cpu[0]:0}, max {cpu[^1]:0}); 21 runs, first included");
    }

    private static PocketSphinxEngine CreateEngine(SpeechOptions options)
    {
        var environment = new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production };
        var vocabulary = new SpeechVocabularySource(Options.Create(options), Options.Create(new WorkspaceOptions()), environment);
        var grammarPath = Path.Combine(AppContext.BaseDirectory, "Commands", "Grammar");
        var reader = ReadWords ? new EspeakWordReader(new EspeakProgram([], null), NullLogger<EspeakWordReader>.Instance) : null;
        var engine = new PocketSphinxEngine(Options.Create(options), vocabulary, () => GrammarLoader.LoadDirectory(grammarPath), NullLogger<PocketSphinxEngine>.Instance, reader);
        engine.Start();
        return engine.Status.Available ? engine : throw new InvalidOperationException(engine.Status.Reason);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{part * 100.0 / whole:0} % ({part})";
}
