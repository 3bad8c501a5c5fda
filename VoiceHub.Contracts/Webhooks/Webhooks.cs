namespace VoiceHub.Contracts.Webhooks;

/// <summary>
/// <c>POST /api/webhooks</c>: deliver <see cref="Events"/> (see <see cref="HubEventTypes"/>) to
/// <see cref="Url"/>, only those of workflows of <see cref="TemplateId"/> when it is given.
/// </summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? TemplateId = null, string? Description = null);

/// <summary>A subscription as lists show it: never its secret.</summary>
public sealed record WebhookView(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? TemplateId,
    string? Description,
    string Owner,
    DateTimeOffset CreatedAt,
    bool Enabled,
    int ConsecutiveFailures,
    string? DisabledReason,
    DateTimeOffset? DisabledAt);

/// <summary>The answer to creating a subscription: the only time the signing <see cref="Secret"/> (<c>whsec_</c> + base64) is shown.</summary>
public sealed record CreatedWebhook(WebhookView Webhook, string Secret);

/// <summary>One event on its way to one subscription, with every attempt made so far.</summary>
public sealed record WebhookDeliveryView(
    string Id,
    string WebhookId,
    string EventType,
    string MessageId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    int? LastResponseCode,
    string? LastError,
    IReadOnlyList<WebhookAttemptView> AttemptLog);

/// <summary>One attempt to send a delivery: when, the receiver's status code (none when it could not be reached), how long, what went wrong.</summary>
public sealed record WebhookAttemptView(int Attempt, DateTimeOffset At, int? ResponseCode, double DurationMs, string? Error);

/// <summary>Delivery statuses.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>The event types a subscription can ask for.</summary>
public static class HubEventTypes
{
    public const string WorkflowStarted = "workflow.started";
    public const string WorkflowCompleted = "workflow.completed";
    public const string WorkflowFailed = "workflow.failed";
    public const string StepFailed = "step.failed";
    public const string ScheduleFired = "schedule.fired";
    public const string HealthChanged = "health.changed";

    public static readonly IReadOnlyList<string> All =
        [WorkflowStarted, WorkflowCompleted, WorkflowFailed, StepFailed, ScheduleFired, HealthChanged];
}
