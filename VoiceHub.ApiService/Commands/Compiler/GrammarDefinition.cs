using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>Everything the grammar files declare, merged, with where each piece was written.</summary>
internal sealed class GrammarDefinition
{
    public List<(string Phrase, SourceLocation Location)> SkipWords { get; } = [];

    public Dictionary<string, SlotListDefinition> Lists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Template, SourceLocation Location)> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Intents in the order the files declare them; that order breaks ties between matches.</summary>
    public List<IntentDefinition> Intents { get; } = [];
}

/// <summary>Where a slot's value comes from.</summary>
internal abstract record SlotListDefinition(string Name, SourceLocation Location);

/// <summary>Spoken forms mapped to values: "code review" → <c>code-review</c>.</summary>
internal sealed record ValueListDefinition(string Name, SourceLocation Location, IReadOnlyList<ListValueDefinition> Values)
    : SlotListDefinition(Name, Location);

internal sealed record ListValueDefinition(IReadOnlyList<string> SpokenForms, string Value, SourceLocation Location);

/// <summary>Whole numbers from..to, said as digits ("12") or words ("twelve", "twenty one").</summary>
internal sealed record RangeListDefinition(string Name, SourceLocation Location, int From, int To)
    : SlotListDefinition(Name, Location);

/// <summary>Any words; the value keeps the user's original text. An optional pattern must match it.</summary>
internal sealed record WildcardListDefinition(string Name, SourceLocation Location, Regex? Pattern)
    : SlotListDefinition(Name, Location);

internal sealed class IntentDefinition(string name, SourceLocation location)
{
    public string Name { get; } = name;

    public SourceLocation Location { get; } = location;

    public string? Description { get; set; }

    public List<SentenceDefinition> Sentences { get; } = [];

    public List<(string Text, SourceLocation Location)> Examples { get; } = [];
}

/// <summary>One template sentence and the slot values it fixes (e.g. <c>template: code-review</c>).</summary>
internal sealed record SentenceDefinition(string Template, SourceLocation Location, IReadOnlyDictionary<string, string> FixedSlots);
