using System.Globalization;
using VoiceHub.ApiService.Workflows;

namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>An intent about one workflow named by its number ("status of workflow 12").</summary>
public abstract class NumberedWorkflowIntent(WorkflowService workflows) : IIntentHandler
{
    public abstract string Intent { get; }

    protected WorkflowService Workflows => workflows;

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var number = context.Match.GetNumber("number");
        var workflow = number is null ? null : await workflows.GetAsync(number.Value.ToString(CultureInfo.InvariantCulture));
        return workflow is null
            ? new CommandOutcome.UnknownWorkflow(context.Reply(CommandActions.Refused,
                $"There is no workflow {number}. Say 'list workflows' to hear the recent ones."))
            : await ActAsync(context, workflow);
    }

    protected abstract Task<CommandOutcome> ActAsync(IntentContext context, WorkflowView workflow);

    /// <summary>Workflows are everyone's to see, but only their owner's (or an admin's) to change.</summary>
    protected static CommandOutcome NotYours(IntentContext context, WorkflowView workflow, string action) =>
        new CommandOutcome.Forbidden(context.Reply(CommandActions.Refused,
            $"Workflow {workflow.Number} was started by someone else; only they or an admin can {action} it.", workflow));
}

/// <summary>"status of workflow 12".</summary>
public sealed class WorkflowStatusIntent(WorkflowService workflows) : NumberedWorkflowIntent(workflows)
{
    public override string Intent => "WorkflowStatus";

    protected override Task<CommandOutcome> ActAsync(IntentContext context, WorkflowView workflow) =>
        Task.FromResult<CommandOutcome>(new CommandOutcome.Answered(
            context.Reply(CommandActions.Status, WorkflowReplies.Describe(workflow), workflow)));
}

/// <summary>"cancel workflow 12".</summary>
public sealed class CancelWorkflowIntent(WorkflowService workflows) : NumberedWorkflowIntent(workflows)
{
    public override string Intent => "CancelWorkflow";

    protected override async Task<CommandOutcome> ActAsync(IntentContext context, WorkflowView w)
    {
        var (outcome, after) = await Workflows.CancelAsync(w.Id);
        if (outcome == ControlOutcome.Forbidden)
        {
            return NotYours(context, w, "cancel");
        }

        return outcome == ControlOutcome.Done
            ? new CommandOutcome.Accepted(context.Reply(CommandActions.Canceled, $"Canceling workflow {w.Number}, {w.Name}.", after), after ?? w)
            : new CommandOutcome.Conflict(context.Reply(CommandActions.Refused,
                $"Workflow {w.Number} has already {WorkflowReplies.Finished(after ?? w)}; there is nothing to cancel.", after));
    }
}

/// <summary>"retry workflow 12".</summary>
public sealed class RetryWorkflowIntent(WorkflowService workflows) : NumberedWorkflowIntent(workflows)
{
    public override string Intent => "RetryWorkflow";

    protected override async Task<CommandOutcome> ActAsync(IntentContext context, WorkflowView w)
    {
        var (outcome, after) = await Workflows.RetryAsync(w.Id);
        if (outcome == ControlOutcome.Forbidden)
        {
            return NotYours(context, w, "retry");
        }

        return outcome == ControlOutcome.Done
            ? new CommandOutcome.Accepted(context.Reply(CommandActions.Retried,
                $"Retrying workflow {w.Number}, {w.Name}, from its first unfinished step.", after), after ?? w)
            : new CommandOutcome.Conflict(context.Reply(CommandActions.Refused,
                $"Workflow {w.Number} is {(after ?? w).Status.ToLowerInvariant()}; only failed or canceled workflows can be retried.", after));
    }
}
