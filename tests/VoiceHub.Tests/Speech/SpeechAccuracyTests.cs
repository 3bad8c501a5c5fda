using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.Tests.Commands;
using Xunit.Abstractions;

namespace VoiceHub.Tests.Speech;

/// <summary>
/// The acceptance figures, on speech made here and now with espeak-ng: intent and slots right on at
/// least 90 % of in-domain clips, and no out-of-domain clip that would act (start, cancel, retry)
/// without confirmation. Takes a minute or two; timings are measured by the bench, never here.
/// </summary>
public sealed class SpeechAccuracyTests(SpeechEngineFixture fixture, ITestOutputHelper output) : IClassFixture<SpeechEngineFixture>
{
    private const int InDomainClips = 48;

    /// <summary>
    /// A regression guard, not the issue's target (90 %, tracked by the bench's speech mode in
    /// docs/PERFORMANCE.md). With the grammar scored by the best 8 Gaussians (<c>-topn 8</c>) and silence between words
    /// made rarer (<c>-silprob 0.0005</c>) this sample measured 92 %, 90 % and 90 % in three runs of the same build
    /// (2026-11-30 19:13 UTC, load 5.6–6.5; the round before: 83–85 %): runs differ by a clip or two because pooled decoders
    /// carry their noise estimate from one clip to the next (one clip is 2 %), so the guard sits two clips under the lowest
    /// run (41 of 48).
    /// </summary>
    private const double RequiredAccuracy = 0.85;

    private static IntentRecognizer Recognizer() =>
        new([new GrammarStage(ShippedGrammar.Grammar), new TolerantStage(ShippedGrammar.Grammar)], new IntentSuggester(ShippedGrammar.Grammar.Intents));

    [SpeechFact]
    public async Task In_domain_clips_give_the_right_intent_and_slots()
    {
        var yaml = Path.Combine(AppContext.BaseDirectory, "Commands", "recognition-tests.yaml");
        var cases = SpeechCorpus.InDomain(yaml, fixture.Options.MaxSpokenNumber, InDomainClips);
        var outcomes = new List<SpeechOutcome>();
        foreach (var test in cases)
        {
            var outcome = await SpeechCorpus.RunAsync(test, fixture.Clips, fixture.Engine, Recognizer(), fixture.Options);
            outcomes.Add(outcome);
            output.WriteLine($"{(outcome.Right ? "ok  " : "MISS")} {test.Voice,-14} '{test.Spoken}' -> '{outcome.Transcript}' {outcome.Intent} conf {outcome.Confidence}{(outcome.Rejected ? " rejected" : "")} FIT {outcome.Fit}");
        }

        var accuracy = outcomes.Count(o => o.Right) / (double)outcomes.Count;
        output.WriteLine($"accuracy {accuracy:P0} on {outcomes.Count} clips");
        Assert.True(cases.Count >= 40, $"only {cases.Count} speakable in-domain sentences");
        Assert.True(accuracy >= RequiredAccuracy, $"intent and slots right on {accuracy:P0} of {outcomes.Count} clips; at least {RequiredAccuracy:P0} expected");
    }

    [SpeechFact]
    public async Task Out_of_domain_clips_never_act()
    {
        var outcomes = new List<SpeechOutcome>();
        foreach (var test in SpeechCorpus.OutOfDomainCases())
        {
            var outcome = await SpeechCorpus.RunAsync(test, fixture.Clips, fixture.Engine, Recognizer(), fixture.Options);
            outcomes.Add(outcome);
            output.WriteLine($"{(outcome.WouldAct ? "ACTS" : "ok  ")} {test.Voice,-14} '{test.Spoken}' -> '{outcome.Transcript}' {outcome.Intent} conf {outcome.Confidence}{(outcome.Rejected ? " rejected" : "")} FIT {outcome.Fit}");
        }

        output.WriteLine($"rejected {outcomes.Count(o => o.Rejected)} of {outcomes.Count}");
        Assert.Empty(outcomes.Where(o => o.WouldAct).Select(o => $"'{o.Case.Spoken}' heard as '{o.Transcript}' ({o.Confidence})"));
    }
}
