using System.Buffers.Binary;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests;

/// <summary>
/// Push-to-talk through the hub's own recogniser: the page records (getUserMedia + AudioWorklet at
/// 16 kHz), the web forwards the WAV to the API, and the transcript and the hub's answer show.
/// Chromium's fake microphone plays an espeak-ng WAV; the page's SpeechRecognition is removed, as in Firefox.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class HubRecogniserTests(WebAppFixture fixture)
{
    private const float WorkflowTimeoutMs = 60_000;

    [FakeMicrophoneFact]
    public async Task Spoken_command_recorded_in_a_browser_without_recognition_starts_a_workflow()
    {
        using var microphone = new FakeMicrophone();
        var wav = await FakeMicrophone.SayAsync(microphone, "run the self test");
        await using var browser = await fixture.Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={wav}%noloop", "--autoplay-policy=no-user-gesture-required",
            ],
            Timeout = 60_000,
        }).WaitAsync(Patience.AppStart);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.WebUrl.ToString() }).WaitAsync(WebAppFixture.RequestTimeout);
        context.SetDefaultTimeout(WebAppFixture.UiTimeoutMs);
        await fixture.SignInAsync(context);
        await context.AddInitScriptAsync(FakeSpeech.Unsupported).WaitAsync(WebAppFixture.RequestTimeout);
        var page = await context.NewPageAsync().WaitAsync(WebAppFixture.RequestTimeout);
        await WebAppFixture.GotoAsync(page, "/");

        var mic = page.GetByTestId("mic");
        await Expect(mic).ToHaveAttributeAsync("data-recogniser", "hub");
        await Expect(mic).ToBeEnabledAsync();
        await Expect(page.GetByTestId("hub-recogniser-note")).ToBeVisibleAsync();

        await mic.ClickAsync();
        await Expect(page.GetByTestId("interim")).ToHaveTextAsync(new Regex("Recording"));
        await Expect(page.GetByTestId("level")).ToBeVisibleAsync();
        // The file plays once from when the microphone opens: 0.3 s of silence, the sentence, then silence.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=level]').value > 0.02", null,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs, PollingInterval = 20 }).WaitAsync(WebAppFixture.RequestTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await mic.ClickAsync();

        // The transcript as the hub writes it back ("selftest" is one word of the grammar).
        await Expect(page.GetByTestId("msg-user").Last.Locator(".msg-text")).ToHaveTextAsync(new Regex("^run the self ?test$"));
        await Expect(page.GetByTestId("msg-note").Last).ToContainTextAsync("heard by pocketsphinx");
        // Heard surely, it starts at once; heard unsurely (a loaded machine can drop frames of the fake microphone), the
        // console asks first, and "Yes, do it" starts it: either way the person ends with the workflow.
        await Expect(page.Locator("[data-testid=workflow-card], [data-testid=confirm-yes]").First).ToBeVisibleAsync();
        if (await page.GetByTestId("confirm-yes").CountAsync() > 0)
        {
            await page.GetByTestId("confirm-yes").ClickAsync();
            await Expect(page.GetByTestId("confirm-yes")).ToHaveCountAsync(0);
        }

        var card = page.GetByTestId("workflow-card").Last;
        await Expect(card.GetByTestId("workflow-status")).ToHaveTextAsync("Completed", new() { Timeout = WorkflowTimeoutMs });
        await Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
        await WebAppFixture.ScreenshotAsync(page, "console-hub-recogniser");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Wav_encoder_writes_a_16_kHz_mono_16_bit_header_and_the_samples()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");

        var bytes = await page.EvaluateAsync<int[]>("""
            async () => {
              const { encodeWav } = await import("/js/recorder.js");
              return Array.from(encodeWav(new Int16Array([0, 1000, -1000, 32767, -32768])));
            }
            """);
        var wav = bytes.Select(b => (byte)b).ToArray();

        Assert.Equal(44 + 10, wav.Length);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt ", System.Text.Encoding.ASCII.GetString(wav, 8, 8));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20))); // PCM
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22))); // mono
        Assert.Equal(16_000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(32_000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
        Assert.Equal("data", System.Text.Encoding.ASCII.GetString(wav, 36, 4));
        Assert.Equal(10, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));
        short[] samples = [.. Enumerable.Range(0, 5).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + i * 2)))];
        Assert.Equal([0, 1000, -1000, 32767, -32768], samples);
    }

    [Fact]
    public async Task Recorder_worklet_downsamples_48_kHz_audio_to_16_kHz()
    {
        var page = await fixture.NewPageAsync();
        await WebAppFixture.GotoAsync(page, "/");

        // One second of a 440 Hz tone at 48 kHz through the worklet, rendered offline.
        var result = await page.EvaluateAsync<double[]>("""
            async () => {
              const context = new OfflineAudioContext(1, 48000, 48000);
              await context.audioWorklet.addModule("/js/pcm-recorder-worklet.js");
              const node = new AudioWorkletNode(context, "pcm-recorder", { processorOptions: { targetRate: 16000 } });
              const chunks = [];
              node.port.onmessage = (e) => { if (e.data.pcm) chunks.push(e.data.pcm); };
              const tone = context.createOscillator();
              tone.frequency.value = 440;
              const gain = context.createGain();
              gain.gain.value = 0.5;
              tone.connect(gain).connect(node).connect(context.destination);
              tone.start();
              await context.startRendering();
              await new Promise((r) => setTimeout(r, 300));
              const samples = chunks.flatMap((c) => Array.from(c));
              const rms = Math.sqrt(samples.reduce((s, v) => s + (v / 32768) ** 2, 0) / samples.length);
              return [samples.length, rms];
            }
            """);

        // 1 s at 16 kHz is 16,000 samples (the last partial chunk may still be in the worklet).
        Assert.InRange(result[0], 14_400, 16_000);
        // A 0.5 sine's RMS is 0.354; the averaging filter barely touches 440 Hz.
        Assert.InRange(result[1], 0.30, 0.37);
    }

    [Fact]
    public async Task Choice_of_the_hubs_recogniser_is_a_visible_setting_remembered_by_the_browser()
    {
        var page = await fixture.NewPageAsync(context => context.AddInitScriptAsync(FakeSpeech.Script("what can you do")));
        await WebAppFixture.GotoAsync(page, "/");
        var mic = page.GetByTestId("mic");
        var choice = page.GetByTestId("hub-recogniser");
        await Expect(choice).ToBeVisibleAsync();
        await Expect(choice).Not.ToBeCheckedAsync();
        await Expect(mic).ToHaveAttributeAsync("data-recogniser", "browser");

        await choice.CheckAsync();

        await Expect(mic).ToHaveAttributeAsync("data-recogniser", "hub");
        await page.WaitForFunctionAsync("() => localStorage.getItem('voicehub.recogniser') === 'hub'", null,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs }).WaitAsync(WebAppFixture.RequestTimeout);
        await WebAppFixture.GotoAsync(page, "/");
        await Expect(page.GetByTestId("hub-recogniser")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("mic")).ToHaveAttributeAsync("data-recogniser", "hub");

        await page.GetByTestId("hub-recogniser").UncheckAsync();
        await Expect(page.GetByTestId("mic")).ToHaveAttributeAsync("data-recogniser", "browser");
        await page.WaitForFunctionAsync("() => localStorage.getItem('voicehub.recogniser') === 'browser'", null,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs }).WaitAsync(WebAppFixture.RequestTimeout);
    }

    [Fact]
    public async Task Replies_are_read_by_the_hub_where_the_browser_has_no_voices()
    {
        var page = await fixture.NewPageAsync(context => context.AddInitScriptAsync(FakeSpeech.NoVoices));
        await WebAppFixture.GotoAsync(page, "/");
        await page.GetByTestId("speak-toggle").CheckAsync();

        await page.GetByTestId("command-input").FillAsync("what can you do");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__voicehubPlayed > 0", null,
            new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs }).WaitAsync(WebAppFixture.RequestTimeout);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__spoken.length"));
    }
}
