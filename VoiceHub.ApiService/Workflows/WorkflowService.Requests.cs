namespace VoiceHub.ApiService.Workflows;

/// <summary>Starting from a client's request: a template with inputs, or a free-text task sentence.</summary>
public sealed partial class WorkflowService
{
    public const int MaxTaskLength = 500;

    /// <summary>Starts from <c>templateId</c> + <c>inputs</c>, or from a <c>task</c> read by the command recogniser.</summary>
    public async Task<StartOutcome> StartAsync(CreateWorkflowRequest request, CancellationToken cancellationToken)
    {
        var templateId = request.TemplateId?.Trim();
        var inputs = request.Inputs;
        if (string.IsNullOrEmpty(templateId) && !string.IsNullOrWhiteSpace(request.Task) && interpreter is not null)
        {
            if (request.Task.Length > MaxTaskLength)
            {
                return new StartOutcome.Invalid(new() { ["task"] = [$"task is {request.Task.Length} characters; at most {MaxTaskLength}."] });
            }

            var reading = await interpreter.InterpretAsync(request.Task.Trim(), cancellationToken);
            if (reading.TemplateId is null)
            {
                return new StartOutcome.NotUnderstood(reading.Problem!, reading.Suggestions);
            }

            // Inputs given explicitly win over what the sentence said.
            templateId = reading.TemplateId;
            inputs = reading.Inputs;
            foreach (var (name, value) in request.Inputs ?? [])
            {
                inputs[name] = value?.DeepClone();
            }
        }

        if (string.IsNullOrEmpty(templateId))
        {
            return new StartOutcome.Invalid(new()
            {
                ["templateId"] = ["templateId (or a task sentence) is required; GET /api/templates lists the templates."],
            });
        }

        return await StartAsync(new StartWorkflow(templateId, inputs, request.IdempotencyKey, request.ThreadId));
    }

    /// <summary>
    /// Starts every item, a bounded number at a time. Each start is one atomic Lua script, so an
    /// item is created whole or not at all; results keep the items' order.
    /// </summary>
    public async Task<BatchResult> StartBatchAsync(IReadOnlyList<CreateWorkflowRequest?> items, int parallelism, CancellationToken cancellationToken)
    {
        var results = new BatchItemResult[items.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (i, _) =>
        {
            results[i] = items[i] is not { } item
                ? new BatchItemResult(i, 400, null, null, "Item is null.", null)
                : ToBatchItem(i, await StartAsync(item, cancellationToken));
        });

        var accepted = results.Count(r => r.Status < 300);
        return new BatchResult(accepted, results.Length - accepted, results);
    }

    private static BatchItemResult ToBatchItem(int index, StartOutcome outcome) => outcome switch
    {
        StartOutcome.Started s => new BatchItemResult(index, s.Created ? 202 : 200, s.Workflow.Id, s.Created, null, null),
        StartOutcome.Invalid v => new BatchItemResult(index, 400, null, null, "Invalid inputs.", v.Errors),
        StartOutcome.UnknownTemplate u => new BatchItemResult(index, 404, null, null, $"There is no template '{u.TemplateId}'.", null),
        StartOutcome.Unavailable u => new BatchItemResult(index, 422, null, null, u.Detail, null),
        StartOutcome.NotUnderstood n => new BatchItemResult(index, 422, null, null, n.Detail, null),
        _ => throw new InvalidOperationException($"Unhandled start outcome {outcome.GetType().Name}."),
    };
}
