using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Speech;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace VoiceHub.Tests.Speech;

/// <summary>One clip to say: the words spoken and, for a command, the intent and slots it must give.</summary>
public sealed record SpeechCase(string Spoken, string? Intent, IReadOnlyDictionary<string, string> Slots, Voice Voice);

/// <summary>What one clip gave.</summary>
/// <param name="Seconds">Wall-clock time of the recognition.</param>
/// <param name="CpuSeconds">Process CPU time during the recognition (what one idle core would take; wall time includes waiting for a core).</param>
public sealed record SpeechOutcome(
    SpeechCase Case, string Transcript, double Confidence, bool Rejected, string? Intent, bool Right, bool WouldAct, double Seconds, double AudioSeconds,
    string Fit = "", double CpuSeconds = 0);

/// <summary>
/// The spoken test set, shared by the accuracy test and the bench (linked into both): in-domain
/// sentences from recognition-tests.yaml said the way the speech grammar expects ("data slash sales
/// dot csv"), in several espeak-ng voices and speeds, and out-of-domain sentences that must never act.
/// </summary>
public static partial class SpeechCorpus
{
    public static readonly string[] OutOfDomain =
    [
        "play some jazz music", "what's the weather like in Paris", "order a pizza with extra cheese", "set an alarm for seven tomorrow",
        "tell me a joke about cats", "call my mother on her mobile", "how tall is the eiffel tower", "turn off the kitchen lights",
        "book a table for two tonight", "what time does the bank open", "send an email to the whole team", "remind me to buy milk",
        "who won the football game yesterday", "translate good morning into french", "navigate to the nearest petrol station",
    ];

    private static readonly HashSet<string> Changing = ["StartWorkflow", "CancelWorkflow", "RetryWorkflow"];

    /// <summary>In-domain clips: speakable sentences of the test set (numbers up to <paramref name="maxNumber"/>), voices in turn.</summary>
    public static IReadOnlyList<SpeechCase> InDomain(string recognitionTestsYaml, int maxNumber, int count, IReadOnlyList<Voice>? voices = null)
    {
        var speakable = Load(recognitionTestsYaml).Match
            .Where(m => !m.Slots.TryGetValue("number", out var n) || int.Parse(n, CultureInfo.InvariantCulture) <= maxNumber)
            .Select(m => (Case: m, Spoken: Speakable(m)))
            .Where(m => m.Spoken is not null)
            .ToList();
        // Spread over the whole file rather than its first intents.
        var step = Math.Max(1.0, speakable.Count / (double)count);
        return Enumerable.Range(0, Math.Min(count, speakable.Count))
            .Select(i => speakable[(int)(i * step)])
            .Select((m, i) => new SpeechCase(m.Spoken!, m.Case.Intent, m.Case.Slots, (voices ?? Voice.All)[i % (voices ?? Voice.All).Count]))
            .ToList();
    }

    /// <summary>Values of free-text slots in the test set, by slot name: the phrases the speech grammar must know to hear them.</summary>
    public static IReadOnlyDictionary<string, string[]> WildcardValues(string recognitionTestsYaml) => Load(recognitionTestsYaml).Match
        .SelectMany(m => m.Slots.Where(IsFreeText))
        .GroupBy(s => s.Key)
        .ToDictionary(g => g.Key, g => g.Select(s => s.Value).Distinct().ToArray());

    private static YamlSet Load(string path) =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<YamlSet>(File.ReadAllText(path));

    public static IReadOnlyList<SpeechCase> OutOfDomainCases(IReadOnlyList<Voice>? voices = null) =>
        OutOfDomain.Select((s, i) => new SpeechCase(s, null, new Dictionary<string, string>(), (voices ?? Voice.All)[i % (voices ?? Voice.All).Count])).ToList();

    /// <summary>The sentence with free-text slot values in spoken form; null when it holds what no one says aloud (a URL with a scheme).</summary>
    private static string? Speakable(YamlCase m)
    {
        var text = m.Sentence;
        foreach (var (slot, value) in m.Slots.Where(IsFreeText))
        {
            var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            text = text[..at] + string.Join(' ', SpokenForms.Of(value)) + text[(at + value.Length)..];
        }

        return Unspeakable().IsMatch(text) || m.Sentence.Contains("://", StringComparison.Ordinal) ? null : text;
    }

    /// <summary>
    /// Slots whose words are said as written (paths, topics, descriptions); not list values, and not
    /// numbers of a range slot ("every 15 minutes"), which the voice says as a number like "workflow 12".
    /// </summary>
    private static bool IsFreeText(KeyValuePair<string, string> slot) =>
        slot.Key is not ("template" or "number" or "status") && !int.TryParse(slot.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"[^A-Za-z0-9 ,.!?'-]")]
    private static partial Regex Unspeakable();

    /// <summary>Says the clip, hears it, and understands the transcript as <c>POST /api/speech/commands</c> would.</summary>
    internal static async Task<SpeechOutcome> RunAsync(
        SpeechCase test, SpokenClips clips, ISpeechEngine engine, IntentRecognizer recognizer, SpeechOptions options)
    {
        var (audio, problem) = WavDecoder.Decode(clips.Say(test.Spoken, test.Voice), options.MaxDurationSeconds);
        if (audio is null)
        {
            throw new InvalidOperationException($"espeak-ng clip for '{test.Spoken}' is not usable: {problem?.Detail}");
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var heard = await engine.TranscribeAsync(audio, CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var match = heard.Rejected ? null : await UnderstandAsync(recognizer, heard.Text);
        var right = match is not null && match.Intent == test.Intent && test.Slots.All(s =>
            string.Equals(match.GetText(s.Key), s.Value, StringComparison.OrdinalIgnoreCase));
        var wouldAct = match is not null && Changing.Contains(match.Intent) && heard.Confidence * match.Confidence >= options.ConfirmBelow;
        var raw = heard.Rejected ? await UnderstandAsync(recognizer, heard.Text) : match;
        var rawRight = raw is not null && raw.Intent == test.Intent && test.Slots.All(s => string.Equals(raw.GetText(s.Key), s.Value, StringComparison.OrdinalIgnoreCase));
        var fit = heard.Fit is { } f ? $"{f.Overall:0}/{f.WorstWord:0} text {raw?.Intent}:{(rawRight ? "R" : "W")}:{raw?.Confidence}" : "";
        return new SpeechOutcome(test, heard.Text, heard.Confidence, heard.Rejected, match?.Intent, right, wouldAct, seconds, audio.DurationSeconds, fit, cpu);
    }

    /// <summary>The text recogniser's match (its wildcard patterns run in linear time, with no time limit to trip under load).</summary>
    private static async Task<RecognizedIntent?> UnderstandAsync(IntentRecognizer recognizer, string text) =>
        (await recognizer.RecognizeAsync(text)).Match;

    private sealed class YamlSet
    {
        public List<YamlCase> Match { get; set; } = [];
    }

    private sealed class YamlCase
    {
        public string Sentence { get; set; } = "";

        public string Intent { get; set; } = "";

        public Dictionary<string, string> Slots { get; set; } = [];
    }
}
