using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>"run the repository status workflow": starts the template, the sentence's slots filling its inputs.</summary>
public sealed class StartWorkflowIntent(WorkflowService workflows, TemplateCatalog templates) : IIntentHandler
{
    public string Intent => "StartWorkflow";

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var templateId = context.Match.GetText("template");
        if (templateId is null || templates.Find(templateId) is not { } template)
        {
            return context.Refuse($"I don't know a workflow called '{templateId}'. Say 'help' to hear the ones I have.");
        }

        var request = new StartWorkflow(template.Id, context.Match.InputsFor(template), context.IdempotencyKey, context.ThreadId);
        return await workflows.StartAsync(request) switch
        {
            StartOutcome.Started { Created: true } s => new CommandOutcome.Accepted(
                context.Reply(CommandActions.WorkflowStarted, $"Started {template.Name} as workflow {s.Workflow.Number}.", s.Workflow), s.Workflow),
            StartOutcome.Started s => new CommandOutcome.Answered(context.Reply(CommandActions.WorkflowStarted,
                $"That was already started as workflow {s.Workflow.Number}; it is {s.Workflow.Status.ToLowerInvariant()}.", s.Workflow)),
            StartOutcome.Invalid i => context.Refuse($"{template.Name} needs more: {string.Join(" ", i.Errors.Values.SelectMany(e => e))}"),
            StartOutcome.Unavailable u => context.Refuse($"{template.Name} cannot run here: it needs {string.Join("; ", u.Missing)}."),
            _ => context.Refuse($"I don't know a workflow called '{templateId}'."),
        };
    }
}
