using VoiceHub.ApiService.Speech;
using Xunit.Abstractions;

namespace VoiceHub.Tests.Speech;

public sealed class CalibrationProbe(SpeechEngineFixture fixture, ITestOutputHelper output) : IClassFixture<SpeechEngineFixture>
{
    [SpeechFact]
    public async Task Probe()
    {
        string[] inDomain = ["run the tests", "cancel workflow twelve", "give me data insights for data slash sales dot csv", "what can you do", "list the running workflows", "review the code in voice hub dot api service", "research retries in the docs"];
        string[] ood = ["play some jazz music", "what's the weather like in Paris", "order a pizza", "set an alarm for seven tomorrow", "tell me a joke about cats"];
        var g = fixture.Engine.Grammar!;
        output.WriteLine($"grammar words={g.Words.Count} states={g.States} trans={g.Transitions} dropped={g.Dropped.Count}: {string.Join(", ", g.Dropped.Take(30))}");
        File.WriteAllText("/tmp/probe-min.fsg", g.Fsg);
        foreach (var (text, kind) in inDomain.Select(t => (t, "IN")).Concat(ood.Select(t => (t, "OOD"))))
        {
            foreach (var voice in Voice.All.Take(3))
            {
                var wav = fixture.Clips.Say(text, voice);
                var (audio, _) = WavDecoder.Decode(wav, 15);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var t = await fixture.Engine.TranscribeAsync(audio!, default);
                output.WriteLine($"{kind} {voice} [{text}] -> [{t.Text}] fit={t.Fit?.Overall:0}/{t.Fit?.WorstWord:0}/{t.Fit?.LoopPerFrame:0} conf={t.Confidence} {sw.ElapsedMilliseconds}ms dur={audio!.DurationSeconds:0.0}s alts={string.Join(" | ", t.Alternatives)}");
            }
        }
    }
}
