using VoiceHub.ApiService.LanguageModel;

namespace VoiceHub.Tests.Llm;

public sealed class LanguageModelOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new LanguageModelOptionsValidator().Validate(null, new LanguageModelOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var result = new LanguageModelOptionsValidator().Validate(null, new LanguageModelOptions
        {
            FailureRatio = 0,
            MinimumThroughput = 1,
            BreakDuration = TimeSpan.FromMilliseconds(10),
        });

        Assert.True(result.Failed);
        Assert.Contains("VoiceHub:LanguageModel: FailureRatio", result.FailureMessage);
        Assert.Contains("MinimumThroughput must be 2 or more", result.FailureMessage);
        Assert.Contains("BreakDuration", result.FailureMessage);
    }
}
