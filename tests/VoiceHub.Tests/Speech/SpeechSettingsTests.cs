using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Speech;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Speech;

/// <summary>Speech settings go through the one validated-options path: each bad value is named with its key.</summary>
public sealed class SpeechSettingsTests
{
    [Fact]
    public void Each_bad_speech_setting_is_named_with_its_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoiceHub:Speech:RejectBelow"] = "2",
            ["VoiceHub:Speech:MaxSpokenNumber"] = "0",
            ["VoiceHub:Speech:EspeakPath"] = "espeak-ng",
        });
        builder.AddSpeech();
        using var provider = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpeechOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("VoiceHub:Speech: RejectBelow", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("VoiceHub:Speech: MaxSpokenNumber", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("VoiceHub:Speech: EspeakPath must be a full path", StringComparison.Ordinal));
    }
}

/// <summary>espeak-ng configured at a path where there is none: <c>POST /api/speech/say</c> answers 422 with the key to fix, never 5xx.</summary>
[Collection(RedisCollection.Name)]
public sealed class SpeechSayWithoutEspeakTests(RedisServerFixture redis) : ApiTest(redis)
{
    private const string Missing = "/nonexistent/voicehub/espeak-ng";

    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Speech:EspeakPath"] = Missing };

    [Fact]
    public async Task Say_without_espeak_is_422_naming_the_setting()
    {
        using var response = await Client.PostAsJsonAsync("/api/speech/say", new { text = "Workflow 12 has completed." });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Missing, problem.GetProperty("detail").GetString());
        Assert.Contains("VoiceHub:Speech:EspeakPath", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Capability_reports_the_synthesiser_unavailable()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("/api/speech");
        var synthesis = body.GetProperty("synthesis");

        Assert.Equal("espeak-ng", synthesis.GetProperty("name").GetString());
        Assert.False(synthesis.GetProperty("available").GetBoolean());
        Assert.Contains("VoiceHub:Speech:EspeakPath", synthesis.GetProperty("reason").GetString());
    }
}
