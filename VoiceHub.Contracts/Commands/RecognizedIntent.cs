using System.Text.Json.Serialization;

namespace VoiceHub.Contracts.Commands;

/// <summary>A command that a recognition stage understood.</summary>
/// <param name="Intent">Intent name, e.g. <c>StartWorkflow</c> or <c>CancelWorkflow</c>.</param>
/// <param name="Slots">Slot name → value and the words it came from.</param>
/// <param name="Confidence">0..1; 1.0 is an exact grammar match (see README, "Commands").</param>
/// <param name="Stage">Name of the stage that matched, e.g. <c>grammar</c>.</param>
/// <param name="Sentence">The template sentence (or other evidence) that matched.</param>
public sealed record RecognizedIntent(
    string Intent,
    IReadOnlyDictionary<string, SlotValue> Slots,
    double Confidence,
    string Stage,
    string Sentence)
{
    /// <summary>The slot's value as text, or null when the slot was not filled.</summary>
    public string? GetText(string slot) =>
        Slots.TryGetValue(slot, out var value) ? Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The slot's value as a number, or null when absent or not a number.</summary>
    public int? GetNumber(string slot) => Slots.TryGetValue(slot, out var value) ? value.Number : null;
}

/// <summary>
/// One slot of a recognised command. <see cref="Value"/> is a <see cref="string"/> (list value,
/// wildcard text) or an <see cref="int"/> (number range); <see cref="Text"/> is the user's own
/// words it came from, or null when the matched sentence fixes the value.
/// </summary>
public sealed record SlotValue(object Value, string? Text)
{
    [JsonIgnore]
    public int? Number => Value as int?;
}

/// <summary>What the recogniser made of one command: a match, or suggestions when nothing matched.</summary>
public sealed record RecognitionResult(string Text, RecognizedIntent? Match, IReadOnlyList<IntentSuggestion> Suggestions)
{
    public bool IsMatch => Match is not null;
}

/// <summary>An intent that is close to an unmatched command, with sentences that would match it.</summary>
public sealed record IntentSuggestion(string Intent, string Description, IReadOnlyList<string> Examples, double Score);

/// <summary>An intent the hub understands, as listed by <c>GET /api/intents</c>.</summary>
public sealed record IntentDescription(
    string Name, string Description, IReadOnlyList<string> Examples, IReadOnlyList<IntentSlotDescription> Slots);

/// <summary>A slot an intent can fill: kind is <c>list</c>, <c>number</c> or <c>text</c> (wildcard).</summary>
public sealed record IntentSlotDescription(string Name, string Kind, IReadOnlyList<string>? Values);
