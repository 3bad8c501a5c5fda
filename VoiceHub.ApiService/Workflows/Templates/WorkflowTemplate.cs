using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>A workflow template: what a workflow instance is made from.</summary>
public sealed record WorkflowTemplate(
    string Id,
    string Name,
    string Description,
    string Category,
    IReadOnlyList<string> Requires,
    IReadOnlyList<TemplateInput> Inputs,
    IReadOnlyList<TemplateStep> Steps,
    IReadOnlyList<string> Examples);

/// <summary>One step: an agent's action, with inputs that may reference workflow inputs or earlier outputs.</summary>
public sealed record TemplateStep(
    string Id,
    string Agent,
    string Action,
    JsonObject With,
    IReadOnlyList<string> DependsOn,
    TimeSpan Timeout,
    RetryPolicy Retry);

/// <summary>
/// Retry with exponential backoff. Defaults follow Temporal's: 1 s initial interval, ×2,
/// capped at 100 × the initial interval; three attempts in all unless the template says otherwise.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialInterval, double BackoffCoefficient, TimeSpan MaxInterval)
{
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(100));

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 = first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(BackoffCoefficient, Math.Max(0, nextAttempt - 2));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialInterval.Ticks * factor, MaxInterval.Ticks));
        return delay;
    }
}
