using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows;

namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>"list the running workflows".</summary>
public sealed class ListWorkflowsIntent(WorkflowService workflows) : IIntentHandler
{
    private const int Listed = 10;

    public string Intent => "ListWorkflows";

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var status = context.Match.GetText("status") switch
        {
            "running" => WorkflowStatus.Running,
            "failed" => WorkflowStatus.Failed,
            "completed" => WorkflowStatus.Completed,
            _ => null,
        };
        var page = await workflows.ListAsync(new PageRequest(1, Listed), status);
        return new CommandOutcome.Answered(context.Reply(CommandActions.List, WorkflowReplies.DescribeList(page, status), list: page.Items));
    }
}

/// <summary>"what can you do": three ways to start work, then one example of each other intent.</summary>
internal sealed class HelpIntent(CompiledGrammar grammar) : IIntentHandler
{
    public string Intent => "Help";

    public Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var start = grammar.Intents.Where(i => i.Name == "StartWorkflow").SelectMany(i => i.Examples).Take(3);
        var others = grammar.Intents.Where(i => i.Name is not ("StartWorkflow" or "Help")).Select(i => i.Examples.FirstOrDefault()).OfType<string>();
        var examples = start.Concat(others).Take(7);
        var text = "I can start workflows and look after them. Try: " + string.Join("; ", examples.Select(e => $"'{e}'")) + ".";
        return Task.FromResult<CommandOutcome>(new CommandOutcome.Answered(context.Reply(CommandActions.Help, text)));
    }
}
