namespace VoiceHub.Contracts.Speech;

/// <summary>What <c>GET /api/speech</c> reports: engines with why one is unavailable, and what audio is accepted.</summary>
/// <param name="Available">True when at least one engine can recognise audio.</param>
/// <param name="Engines">Every recognition engine, available or not.</param>
/// <param name="Formats">The audio accepted, in words.</param>
/// <param name="MaxDurationSeconds">Longest utterance accepted.</param>
/// <param name="MaxBodyBytes">Largest audio body accepted.</param>
/// <param name="Grammar">Size of the PocketSphinx grammar; null while PocketSphinx is unavailable.</param>
/// <param name="Synthesis">Whether <c>POST /api/speech/say</c> can speak, and why not.</param>
public sealed record SpeechCapabilities(
    bool Available, IReadOnlyList<SpeechEngineStatus> Engines, string Formats, double MaxDurationSeconds, long MaxBodyBytes,
    SpeechGrammarInfo? Grammar, SpeechEngineStatus Synthesis);

/// <summary>Whether an engine can be used, and why not.</summary>
/// <param name="Name">e.g. <c>pocketsphinx</c>, <c>whisper</c>, <c>espeak-ng</c>.</param>
/// <param name="Available">Whether it can be used now.</param>
/// <param name="Description">What it is.</param>
/// <param name="Reason">Why it is unavailable; null when it is available.</param>
public sealed record SpeechEngineStatus(string Name, bool Available, string Description, string? Reason);

/// <summary>Size of the PocketSphinx grammar generated from the intent grammar.</summary>
/// <param name="Words">Distinct words the grammar uses.</param>
/// <param name="States">States of the finite-state grammar.</param>
/// <param name="Transitions">Transitions of the finite-state grammar.</param>
/// <param name="DroppedPhrases">Phrases left out because a word has no pronunciation.</param>
public sealed record SpeechGrammarInfo(int Words, int States, int Transitions, IReadOnlyList<string> DroppedPhrases);
