using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.Tests.Speech;

/// <summary>The phone loop on its own decoder, beside the grammar search, judges a sentence as it does after it on one decoder.</summary>
public sealed class ParallelPhoneLoopTests(SpeechEngineFixture fixture) : IClassFixture<SpeechEngineFixture>
{
    [SpeechTheory]
    [InlineData("cancel workflow twelve")]
    [InlineData("play some jazz music")]
    public void Parallel_and_sequential_decoding_hear_and_judge_the_same(string spoken)
    {
        var folder = fixture.Engine.GrammarFolder!;
        var model = SpeechModelFiles.InFolder(SpeechTools.ModelPath);
        var phones = PhoneLoop.Jsgf(PronunciationDictionary.Load(model.Dictionary).Phones);
        var (dictionary, fsg) = (Path.Combine(folder, "commands.dict"), Path.Combine(folder, "commands.fsg"));
        var (audio, problem) = WavDecoder.Decode(fixture.Clips.Say(spoken, Voice.All[0]), 15);
        Assert.Null(problem);

        using var parallel = PocketSphinxDecoder.Create(model, dictionary, fsg, phones, parallel: true);
        using var sequential = PocketSphinxDecoder.Create(model, dictionary, fsg, phones, parallel: false);
        var (beside, after) = (parallel.Decode(audio!.Samples), sequential.Decode(audio.Samples));

        Assert.Equal(after.Text, beside.Text);
        Assert.Equal(after.Text.Length > 0, beside.PhoneLoop.Length > 0);
        // Not to the digit: run after the grammar search, the phone loop starts from the noise estimate that search left;
        // on its own decoder it starts afresh (on the bench, confidences differ by 0.01 at most).
        var (sure, besideSure) = (Confidence(after), Confidence(beside));
        Assert.InRange(besideSure, sure - 0.05, sure + 0.05);
    }

    private static double Confidence(DecodeResult result) => SpeechConfidence.Fit(result) is { } fit ? SpeechConfidence.FromFit(fit) : 0;
}
