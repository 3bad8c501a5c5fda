namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>
/// Carries out one intent of the grammar. Handlers are found by <see cref="Intent"/>; start-up
/// fails when the grammar has an intent no handler takes, or a handler has no intent.
/// </summary>
public interface IIntentHandler
{
    /// <summary>The grammar's intent name, e.g. <c>CancelWorkflow</c>.</summary>
    string Intent { get; }

    Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken);
}

/// <summary>A recognised command with who asked and how to word the answer.</summary>
public sealed record IntentContext(string Text, RecognizedIntent Match, string? ThreadId, string? IdempotencyKey)
{
    /// <summary>A reply about this command: what the hub did, one sentence, and the workflow or list it is about.</summary>
    public CommandReply Reply(string action, string reply, WorkflowView? workflow = null, IReadOnlyList<WorkflowView>? list = null) =>
        new(Text, Match.Intent, Match.Slots, Match.Confidence, Match.Stage, action, reply, workflow, list, ThreadId: ThreadId);

    /// <summary>Understood, but the hub cannot do it here.</summary>
    public CommandOutcome Refuse(string reply) => new CommandOutcome.Refused(Reply(CommandActions.Refused, reply));
}
