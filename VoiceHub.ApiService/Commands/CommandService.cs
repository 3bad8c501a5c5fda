using System.Globalization;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Commands;

/// <summary>Words a reply: action, sentence, and the workflow or list it is about.</summary>
internal delegate CommandReply Reply(string action, string reply, WorkflowState? workflow, IReadOnlyList<WorkflowState>? list);

/// <summary>
/// Carries out a recognised command: starts a workflow from a template (slots fill its inputs)
/// or acts on the hub (status, list, cancel, retry, help), and words the answer.
/// </summary>
internal sealed class CommandService(
    IntentRecognizer recognizer,
    WorkflowService workflows,
    WorkflowStore store,
    TemplateCatalog templates,
    CompiledGrammar grammar,
    HubMetrics metrics)
{
    private const int ListedWorkflows = 10;

    public async Task<CommandOutcome> ExecuteAsync(string text, string? threadId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await recognizer.RecognizeAsync(text, cancellationToken);
        if (result.Match is not { } match)
        {
            metrics.CommandUnmatched();
            var first = result.Suggestions.FirstOrDefault()?.Examples.FirstOrDefault();
            var reply = first is null
                ? "Sorry, I did not understand that. Say 'help' to hear what I can do."
                : $"Sorry, I did not understand that. Try something like '{first}'.";
            return new(422, new CommandReply(text, null, null, null, null, CommandActions.Unmatched, reply,
                Suggestions: result.Suggestions, ThreadId: threadId));
        }

        metrics.CommandRecognised(match.Intent);
        CommandReply Answer(string action, string reply, WorkflowState? workflow = null, IReadOnlyList<WorkflowState>? list = null) =>
            new(text, match.Intent, match.Slots, match.Confidence, match.Stage, action, reply, workflow, list, ThreadId: threadId);

        switch (match.Intent)
        {
            case "StartWorkflow":
                return await StartAsync(match, threadId, idempotencyKey, Answer);

            case "WorkflowStatus":
                return await WithWorkflowAsync(match, Answer, w => Task.FromResult(new CommandOutcome(200, Answer(CommandActions.Status, Describe(w), w))));

            case "ListWorkflows":
                return await ListAsync(match, Answer);

            case "CancelWorkflow":
                return await WithWorkflowAsync(match, Answer, w => CancelAsync(w, Answer));

            case "RetryWorkflow":
                return await WithWorkflowAsync(match, Answer, w => RetryAsync(w, Answer));

            case "Help":
                return new(200, Answer(CommandActions.Help, HelpText()));

            default:
                return new(422, Answer(CommandActions.Refused, $"I understood '{match.Intent}' but cannot act on it here."));
        }
    }

    private async Task<CommandOutcome> ListAsync(RecognizedIntent match, Reply answer)
    {
        var status = match.GetText("status") switch
        {
            "running" => WorkflowStatus.Running,
            "failed" => WorkflowStatus.Failed,
            "completed" => WorkflowStatus.Completed,
            _ => null,
        };
        var page = await store.ListAsync(new PageRequest(1, ListedWorkflows), status);
        return new(200, answer(CommandActions.List, DescribeList(page, status), null, page.Items));
    }

    private async Task<CommandOutcome> CancelAsync(WorkflowState w, Reply answer)
    {
        var (outcome, after) = await workflows.CancelAsync(w.Id);
        return outcome == ControlOutcome.Done
            ? new(202, answer(CommandActions.Canceled, $"Canceling workflow {w.Number}, {w.Name}.", after, null))
            : new(409, answer(CommandActions.Refused, $"Workflow {w.Number} has already {Finished(after ?? w)}; there is nothing to cancel.", after, null));
    }

    private async Task<CommandOutcome> RetryAsync(WorkflowState w, Reply answer)
    {
        var (outcome, after) = await workflows.RetryAsync(w.Id);
        return outcome == ControlOutcome.Done
            ? new(202, answer(CommandActions.Retried, $"Retrying workflow {w.Number}, {w.Name}, from its first unfinished step.", after, null))
            : new(409, answer(CommandActions.Refused, $"Workflow {w.Number} is {(after ?? w).Status.ToLowerInvariant()}; only failed or canceled workflows can be retried.", after, null));
    }

    private async Task<CommandOutcome> StartAsync(
        RecognizedIntent match, string? threadId, string? idempotencyKey, Reply answer)
    {
        var templateId = match.GetText("template");
        if (templateId is null || templates.Find(templateId) is not { } template)
        {
            return new(422, answer(CommandActions.Refused, $"I don't know a workflow called '{templateId}'. Say 'help' to hear the ones I have.", null, null));
        }

        var inputs = match.InputsFor(template);

        return await workflows.StartAsync(new StartWorkflow(template.Id, inputs, idempotencyKey, threadId)) switch
        {
            StartOutcome.Started { Created: true } s => new(202, answer(CommandActions.WorkflowStarted,
                $"Started {template.Name} as workflow {s.Workflow.Number}.", s.Workflow, null)),
            StartOutcome.Started s => new(200, answer(CommandActions.WorkflowStarted,
                $"That was already started as workflow {s.Workflow.Number}; it is {s.Workflow.Status.ToLowerInvariant()}.", s.Workflow, null)),
            StartOutcome.Invalid i => new(422, answer(CommandActions.Refused,
                $"{template.Name} needs more: {string.Join(" ", i.Errors.Values.SelectMany(e => e))}", null, null)),
            StartOutcome.Unavailable u => new(422, answer(CommandActions.Refused,
                $"{template.Name} cannot run here: it needs {string.Join("; ", u.Missing)}.", null, null)),
            _ => new(422, answer(CommandActions.Refused, $"I don't know a workflow called '{templateId}'.", null, null)),
        };
    }

    private async Task<CommandOutcome> WithWorkflowAsync(
        RecognizedIntent match,
        Reply answer,
        Func<WorkflowState, Task<CommandOutcome>> act)
    {
        var number = match.GetNumber("number");
        var workflow = number is null ? null : await workflows.GetAsync(number.Value.ToString(CultureInfo.InvariantCulture));
        return workflow is null
            ? new(404, answer(CommandActions.Refused, $"There is no workflow {number}. Say 'list workflows' to hear the recent ones.", null, null))
            : await act(workflow);
    }

    private static string Describe(WorkflowState w)
    {
        var done = w.Steps.Count(s => s.Status == StepStatus.Succeeded);
        var running = w.Steps.FirstOrDefault(s => s.Status == StepStatus.Running);
        return w.Status switch
        {
            WorkflowStatus.Running => $"Workflow {w.Number}, {w.Name}, is running: {done} of {w.Steps.Count} steps done{(running is null ? "" : $", now {running.Id}")}.",
            WorkflowStatus.Pending => $"Workflow {w.Number}, {w.Name}, is waiting for a worker.",
            WorkflowStatus.Completed => $"Workflow {w.Number}, {w.Name}, completed all {w.Steps.Count} steps.",
            WorkflowStatus.Failed => $"Workflow {w.Number}, {w.Name}, failed: {w.Error}",
            _ => $"Workflow {w.Number}, {w.Name}, was canceled.",
        };
    }

    private static string Finished(WorkflowState w) => w.Status switch
    {
        WorkflowStatus.Completed => "completed",
        WorkflowStatus.Failed => "failed",
        _ => "been canceled",
    };

    private static string DescribeList(PagedResult<WorkflowState> page, string? status)
    {
        var kind = status?.ToLowerInvariant() ?? "recent";
        if (page.Total == 0)
        {
            return $"There are no {kind} workflows.";
        }

        var names = string.Join(", ", page.Items.Take(5).Select(w => $"{w.Number} {w.Name}"));
        var more = page.Total > 5 ? $", and {page.Total - 5} more" : "";
        return status is null
            ? $"The most recent workflows: {names}{more}."
            : $"{page.Total} {kind} workflow{(page.Total == 1 ? "" : "s")}: {names}{more}.";
    }

    private string HelpText()
    {
        // Starting work first (three ways to start), then one example of each other intent.
        var start = grammar.Intents.Where(i => i.Name == "StartWorkflow").SelectMany(i => i.Examples).Take(3);
        var others = grammar.Intents.Where(i => i.Name is not ("StartWorkflow" or "Help")).Select(i => i.Examples.FirstOrDefault()).OfType<string>();
        var examples = start.Concat(others).Take(7);
        return "I can start workflows and look after them. Try: " + string.Join("; ", examples.Select(e => $"'{e}'")) + ".";
    }
}
