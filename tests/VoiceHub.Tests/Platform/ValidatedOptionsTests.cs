using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.Tests.Platform;

/// <summary>Every feature's settings go through one binding and validation, with the key named in each problem.</summary>
public sealed class ValidatedOptionsTests
{
    public static TheoryData<Type> OptionsTypes() =>
        [.. typeof(IValidatedOptions).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IValidatedOptions).IsAssignableFrom(t))];

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Defaults_are_valid(Type type)
    {
        var options = (IValidatedOptions)Activator.CreateInstance(type)!;
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Each_bad_setting_is_named_with_its_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoiceHub:LanguageModel:FailureRatio"] = "0",
            ["VoiceHub:LanguageModel:MinimumThroughput"] = "1",
            ["VoiceHub:LanguageModel:BreakDuration"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddValidatedOptions<LanguageModelOptions>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageModelOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("VoiceHub:LanguageModel: FailureRatio", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MinimumThroughput must be 2 or more", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BreakDuration", StringComparison.Ordinal));
    }
}
