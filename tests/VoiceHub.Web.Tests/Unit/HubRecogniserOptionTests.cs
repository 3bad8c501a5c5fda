using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.Web.ApiClients;
using VoiceHub.Web.Components.Console;
using static VoiceHub.Web.Tests.Unit.HubApiClientTests;

namespace VoiceHub.Web.Tests.Unit;

/// <summary>
/// The console's "Recognise on the hub" choice follows what the API reports (<c>GET /api/speech</c>):
/// offered in a browser that can record and has its own recogniser when the hub can hear, and hidden
/// (with the microphone on the browser's recogniser) when the hub reports speech unavailable.
/// </summary>
public sealed class HubRecogniserOptionTests : BunitContext
{
    private static string Capabilities(bool available) => JsonSerializer.Serialize(new SpeechCapabilities(
        available,
        [new SpeechEngineStatus("pocketsphinx", available, "PocketSphinx", available ? null : "acoustic model not found")],
        "16 kHz mono 16-bit PCM WAV", 15, 4 * 1024 * 1024, null,
        new SpeechEngineStatus("espeak-ng", false, "Reads replies aloud", "espeak-ng is not installed")), JsonSerializerOptions.Web);

    private IRenderedComponent<CommandComposer> RenderComposer(bool hubAvailable)
    {
        var api = new StubApi(HttpStatusCode.OK, Capabilities(hubAvailable));
        Services.AddSingleton(new HubApiClient(api.Client, SignedIn.As("alice", "operator")));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The browser has a recogniser of its own and can record: only the hub's answer decides whether the choice is offered.
        var speech = JSInterop.SetupModule(m => m.Arguments.Count > 0 && $"{m.Arguments[0]}".EndsWith("js/speech.js", StringComparison.Ordinal));
        speech.Setup<bool>("canListen").SetResult(true);
        speech.Setup<bool>("canSpeak").SetResult(true);
        speech.Setup<string>("preferredRecogniser").SetResult("hub");
        var recorder = JSInterop.SetupModule(m => m.Arguments.Count > 0 && $"{m.Arguments[0]}".EndsWith("js/recorder.js", StringComparison.Ordinal));
        recorder.Setup<bool>("canRecord").SetResult(true);
        JSInterop.SetupModule(m => m.Arguments.Count > 0 && $"{m.Arguments[0]}".EndsWith("js/console.js", StringComparison.Ordinal));
        return Render<CommandComposer>();
    }

    [Fact]
    public void Hub_option_is_offered_when_the_hub_can_hear()
    {
        var composer = RenderComposer(hubAvailable: true);

        composer.WaitForAssertion(() => Assert.False(composer.Find("[data-testid=speak-toggle]").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.Single(composer.FindAll("[data-testid=hub-recogniser]"));
        Assert.Equal("hub", composer.Find("[data-testid=mic]").GetAttribute("data-recogniser"));
    }

    [Fact]
    public void Hub_option_is_hidden_when_the_hub_reports_speech_unavailable()
    {
        var composer = RenderComposer(hubAvailable: false);

        // "Speak replies" is enabled once the browser's abilities and the hub's capabilities are read; then nothing offers or uses the hub.
        composer.WaitForAssertion(() => Assert.False(composer.Find("[data-testid=speak-toggle]").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.Empty(composer.FindAll("[data-testid=hub-recogniser]"));
        Assert.Empty(composer.FindAll("[data-testid=hub-recogniser-note]"));
        Assert.Empty(composer.FindAll("[data-testid=level]"));
        Assert.Equal("browser", composer.Find("[data-testid=mic]").GetAttribute("data-recogniser"));
        Assert.Equal("Push to talk (Alt+M)", composer.Find("[data-testid=mic]").GetAttribute("aria-label"));
    }
}
