namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>One thing the code analysis points at, with where it is.</summary>
internal sealed record CodeFinding(string Severity, string Kind, string File, int Line, string Message)
{
    public int Rank => Severity switch { "high" => 0, "medium" => 1, _ => 2 };
}

/// <summary>A method or function longer than the threshold.</summary>
internal sealed record LongMethod(string File, int Line, string Name, int Lines);

/// <summary>A TODO, FIXME or HACK comment.</summary>
internal sealed record CodeMarker(string File, int Line, string Kind, string Text);

/// <summary>Something that looks like a credential; the value itself is never repeated.</summary>
internal sealed record LikelySecret(string File, int Line, string Kind, string Hint);
