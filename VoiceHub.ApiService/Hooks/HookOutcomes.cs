namespace VoiceHub.ApiService.Hooks;

/// <summary>What happened to one delivery; the endpoint turns each case into HTTP.</summary>
public abstract record ReceiveOutcome
{
    public sealed record Started(HookAccepted Accepted) : ReceiveOutcome;

    /// <summary>Unknown or paused: the same answer, so ids cannot be probed (404).</summary>
    public sealed record NotFound(string Detail) : ReceiveOutcome;

    public sealed record BadSignature(string Detail) : ReceiveOutcome;

    /// <summary>This delivery was received before (409).</summary>
    public sealed record Replayed(string Detail) : ReceiveOutcome;

    /// <summary>Not a JSON payload (400).</summary>
    public sealed record Malformed(string Detail) : ReceiveOutcome;

    /// <summary>Signed and read, but the mapped inputs cannot start the template (422).</summary>
    public sealed record Unprocessable(string Detail, Dictionary<string, string[]>? Errors) : ReceiveOutcome;
}

/// <summary>What happened to a create, pause, resume or delete.</summary>
public abstract record HookChange
{
    public sealed record Done(HookView Hook) : HookChange;
    public sealed record Created(CreatedHook Hook) : HookChange;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : HookChange;
    public sealed record NotFound : HookChange;
    public sealed record Refused(string Detail) : HookChange;
}
