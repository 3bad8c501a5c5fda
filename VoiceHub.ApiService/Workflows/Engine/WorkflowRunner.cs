using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Thrown when another worker has claimed the workflow: this one must stop touching it.</summary>
public class OwnershipLostException(string message) : Exception(message)
{
    public static OwnershipLostException Claimed(string workflowId) => new($"Workflow {workflowId} was claimed by another worker.");
}

/// <summary>
/// Thrown when the workflow was finished by someone else while this worker held it (a cancel of a
/// pending workflow that raced the worker's start): the worker stops and acknowledges its entry.
/// </summary>
public sealed class WorkflowFinishedElsewhereException(string workflowId)
    : OwnershipLostException($"Workflow {workflowId} was finished elsewhere (canceled before it started).");

/// <summary>
/// Runs one workflow to a finished state: steps in dependency order with parallel branches,
/// per-step timeout and retries with exponential backoff, cancellation. Every change is saved
/// (with its event) before the next thing happens, so a worker that dies loses at most the step
/// it was running, which the next owner runs again.
/// </summary>
public sealed class WorkflowRunner(
    WorkflowStore store,
    AgentCatalog agents,
    TemplateCatalog templates,
    TimeProvider time,
    HubMetrics metrics,
    IEnumerable<IWorkflowObserver> observers,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<WorkflowRunner> logger)
{
    private readonly WorkflowRunContext _context = new(store, agents, time, metrics, observers.ToArray(), logger, options.Value.CoalesceResultsWithin);

    /// <summary>
    /// Runs the workflow a worker read (<see cref="WorkflowStore.ReadForRunAsync"/>); the run's first
    /// commit claims it at <paramref name="claimSequence"/>.
    /// <paramref name="cancellation"/> is a user's cancel: the workflow ends Canceled.
    /// <paramref name="abort"/> is this process stopping: nothing more is saved and the workflow is
    /// left for another worker to resume. Returns true when the final commit acknowledged
    /// <paramref name="queueEntry"/>.
    /// </summary>
    public async Task<bool> RunAsync(
        WorkflowState workflow, long claimSequence, string owner, string? queueEntry, CancellationToken cancellation, CancellationToken abort = default)
    {
        using var activity = WorkflowTelemetry.StartRun(workflow);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellation, abort);
        var run = new WorkflowRun(_context, workflow, templates.Find(workflow.TemplateId), owner, queueEntry, claimSequence, cancellation, abort);
        await run.ExecuteAsync(either.Token);
        return run.Acknowledged;
    }

    /// <summary>
    /// Tells the observers that must hear it (<see cref="IWorkflowObserver.MustHearAsync"/>) the final event
    /// of a workflow found finished while its queue entry was still pending: the worker that finished it
    /// stopped before it had told them. Their event keys make a retelling of what they heard a no-op.
    /// </summary>
    public async Task RetellFinishAsync(string workflowId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(workflowId) is not { } workflow
            || (await store.ReadEventsAsync(workflowId, 0)).LastOrDefault(e => e.IsTerminal) is not { } final)
        {
            return;
        }

        foreach (var observer in _context.Observers)
        {
            try
            {
                if (await observer.MustHearAsync(workflow, final))
                {
                    await observer.OnEventAsync(workflow, final, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Observer} failed retelling the finish of workflow {Workflow}", observer.GetType().Name, workflowId);
            }
        }
    }
}

/// <summary>
/// What a run needs from the service: where it saves, who does the steps, the clock, metrics,
/// observers, a log, and how long a result that starts nothing waits for a sibling's
/// (<see cref="WorkflowOptions.CoalesceResultsWithin"/>).
/// </summary>
internal sealed record WorkflowRunContext(
    WorkflowStore Store,
    AgentCatalog Agents,
    TimeProvider Time,
    HubMetrics Metrics,
    IReadOnlyList<IWorkflowObserver> Observers,
    ILogger Logger,
    TimeSpan CoalesceResults);
