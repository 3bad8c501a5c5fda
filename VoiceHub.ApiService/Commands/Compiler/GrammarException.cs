namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>
/// A grammar file that cannot be used. Thrown at start-up so a broken grammar never serves
/// requests; the message names the file, the line and what to fix.
/// </summary>
public sealed class GrammarException(string file, int line, string reason)
    : Exception($"Intent grammar error in '{file}' at line {line}: {reason}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Reason { get; } = reason;
}

/// <summary>Where something was written in a grammar file, for error messages.</summary>
internal readonly record struct SourceLocation(string File, int Line)
{
    public GrammarException Error(string reason) => new(File, Line, reason);
}
