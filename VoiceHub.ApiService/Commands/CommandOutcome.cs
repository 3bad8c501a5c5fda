namespace VoiceHub.ApiService.Commands;

/// <summary>
/// What a command came to. Every case carries the reply to speak back; the endpoint decides the
/// HTTP status from the case, the service never does.
/// </summary>
public abstract record CommandOutcome(CommandReply Reply)
{
    /// <summary>Work was started, canceled or retried: it goes on at <see cref="Workflow"/> (202).</summary>
    public sealed record Accepted(CommandReply Reply, WorkflowView Workflow) : CommandOutcome(Reply);

    /// <summary>The hub answered (status, list, help, or a start that had already happened) (200).</summary>
    public sealed record Answered(CommandReply Reply) : CommandOutcome(Reply);

    /// <summary>No intent matched; the reply has suggestions (422).</summary>
    public sealed record NotUnderstood(CommandReply Reply) : CommandOutcome(Reply);

    /// <summary>The command names a workflow that does not exist (404).</summary>
    public sealed record UnknownWorkflow(CommandReply Reply) : CommandOutcome(Reply);

    /// <summary>The workflow's state forbids it, e.g. canceling a finished one (409).</summary>
    public sealed record Conflict(CommandReply Reply) : CommandOutcome(Reply);

    /// <summary>The workflow is someone else's: only its owner or an admin may change it (403).</summary>
    public sealed record Forbidden(CommandReply Reply) : CommandOutcome(Reply);

    /// <summary>Understood but impossible here: unknown template, missing input, missing model (422).</summary>
    public sealed record Refused(CommandReply Reply) : CommandOutcome(Reply);
}
