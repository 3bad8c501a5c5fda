namespace VoiceHub.ApiService.Commands.Matching;

internal enum StateKind : byte
{
    /// <summary>Epsilon move to each of <see cref="NfaState.Alternatives"/>, in priority order.</summary>
    Split,
    /// <summary>Consumes one token whose word id is <see cref="NfaState.Argument"/>.</summary>
    Word,
    /// <summary>Consumes a spoken form of list trie <see cref="NfaState.Argument"/> and captures its value.</summary>
    List,
    /// <summary>Consumes a number within range <see cref="NfaState.Argument"/> and captures it.</summary>
    Number,
    /// <summary>Consumes the first token of a wildcard and remembers where the wildcard began.</summary>
    WildcardBegin,
    /// <summary>Either ends the wildcard (capture, then <see cref="NfaState.Next"/>) or consumes one more token.</summary>
    WildcardLoop,
    /// <summary>The whole text matched template <see cref="NfaState.Argument"/>.</summary>
    Accept,
}

/// <summary>One state of the compiled grammar (a Thompson NFA over word tokens).</summary>
internal readonly record struct NfaState(StateKind Kind, int Argument, int Slot, int Next, int[]? Alternatives = null);

/// <summary>A filled slot on one path through the NFA; paths share their common prefix.</summary>
internal sealed class Capture(int slot, int start, int end, object? value, Capture? previous)
{
    public int Slot { get; } = slot;

    /// <summary>First token (inclusive) and last token (exclusive) the slot came from.</summary>
    public int Start { get; } = start;

    public int End { get; } = end;

    /// <summary>The list value or number; null for a wildcard, whose value is its text.</summary>
    public object? Value { get; } = value;

    public Capture? Previous { get; } = previous;
}
