namespace VoiceHub.Web.Tests;

/// <summary>
/// Stand-ins for the Web Speech API, injected before the page's scripts run. The real
/// recognition needs Google's network service, which a test machine does not have.
/// </summary>
public static class FakeSpeech
{
    /// <summary>A recognizer that hears the first two words (interim), then the whole phrase (final), then ends.</summary>
    public static string Script(string phrase) => $$"""
        (() => {
          const phrase = {{System.Text.Json.JsonSerializer.Serialize(phrase)}};
          const results = (text, isFinal) => {
            const alternative = { transcript: text, confidence: 0.93 };
            const result = Object.assign([alternative], { isFinal, item: (i) => result[i] });
            const list = Object.assign([result], { item: (i) => list[i] });
            return { resultIndex: 0, results: list };
          };
          class FakeRecognition {
            constructor() { this.lang = "en-US"; this.interimResults = false; this.continuous = false; }
            start() {
              window.__speechStarts = (window.__speechStarts || 0) + 1;
              const interim = phrase.split(" ").slice(0, 2).join(" ");
              setTimeout(() => this.onresult?.(results(interim, false)), 200);
              setTimeout(() => this.onresult?.(results(phrase, true)), 1700);
              setTimeout(() => this.onend?.(), 1800);
            }
            stop() { }
            abort() { }
          }
          window.SpeechRecognition = FakeRecognition;
          window.webkitSpeechRecognition = FakeRecognition;
        })();
        """;

    /// <summary>Speech synthesis with one voice that records what it was asked to say instead of saying it.</summary>
    public const string RecordSpoken = """
        window.__spoken = [];
        SpeechSynthesis.prototype.speak = function (utterance) { window.__spoken.push(utterance.text); };
        SpeechSynthesis.prototype.cancel = function () { };
        SpeechSynthesis.prototype.getVoices = function () { return [{ name: "Test voice", lang: "en-US", default: true }]; };
        """;

    /// <summary>Speech synthesis without a single voice (a bare Linux browser): the hub's voice has to be used.</summary>
    public const string NoVoices = """
        window.__spoken = [];
        SpeechSynthesis.prototype.speak = function (utterance) { window.__spoken.push(utterance.text); };
        SpeechSynthesis.prototype.getVoices = function () { return []; };
        """;

    /// <summary>A browser that cannot record either (no getUserMedia): nothing to talk with.</summary>
    public const string NoMicrophone = "Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });";

    /// <summary>A browser without speech recognition (Firefox, for one).</summary>
    public const string Unsupported = "delete window.SpeechRecognition; delete window.webkitSpeechRecognition; window.webkitSpeechRecognition = undefined; window.SpeechRecognition = undefined;";
}
