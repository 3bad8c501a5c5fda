namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// The stored document as clients see it. The API never hands out <see cref="WorkflowState"/>
/// itself: it is mutable and shaped for the engine, the view is the contract.
/// </summary>
public static class WorkflowViews
{
    public static WorkflowView ToView(this WorkflowState state) => new(
        state.Id,
        state.Number,
        state.TemplateId,
        state.Name,
        state.Status,
        (System.Text.Json.Nodes.JsonObject)state.Inputs.DeepClone(),
        state.IdempotencyKey,
        state.ThreadId,
        state.TraceParent,
        state.CreatedAt,
        state.StartedAt,
        state.FinishedAt,
        state.Error,
        state.Runs,
        state.Steps.Select(ToView).ToArray(),
        state.Artifacts.ToArray(),
        state.Owner,
        state.ScheduleId);

    public static WorkflowStepView ToView(this StepState step) => new(
        step.Id,
        step.Agent,
        step.Action,
        step.DependsOn.ToArray(),
        step.Status,
        step.Attempts,
        step.StartedAt,
        step.FinishedAt,
        step.Output?.DeepClone(),
        step.Summary,
        step.Error,
        step.Logs.ToArray());
}
