namespace VoiceHub.ApiService.Webhooks;

/// <summary>A subscription's fixed part as Redis keeps it (JSON): target, events, filter, owner, encrypted secret.</summary>
public sealed record WebhookRecord(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? TemplateId,
    string? Description,
    string Owner,
    DateTimeOffset CreatedAt,
    string ProtectedSecret)
{
    public bool Wants(string eventType, string? templateId) =>
        Events.Contains(eventType) && (TemplateId is null || templateId is null || TemplateId == templateId);
}

/// <summary>A subscription with its changing part: failures in a row and, once disabled, why and when.</summary>
public sealed record WebhookSubscription(WebhookRecord Record, int ConsecutiveFailures, string? DisabledReason, DateTimeOffset? DisabledAt)
{
    public bool Enabled => DisabledReason is null;

    public WebhookView ToView() => new(Record.Id, Record.Url, Record.Events, Record.TemplateId, Record.Description, Record.Owner,
        Record.CreatedAt, Enabled, ConsecutiveFailures, DisabledReason, DisabledAt);
}

/// <summary>Subscription and delivery ids: a letter prefix and 16 hex digits; only these reach Redis key names.</summary>
public static class WebhookIds
{
    public static string NewSubscription() => "wh_" + Hex();

    public static string NewDelivery() => "dl_" + Hex();

    public static string NewMessage() => "msg_" + Hex();

    public static bool IsSubscription(string? id) => Is(id, "wh_");

    public static bool IsDelivery(string? id) => Is(id, "dl_");

    private static bool Is(string? id, string prefix) =>
        id is { Length: 19 } && id.StartsWith(prefix, StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept("0123456789abcdef");

    private static string Hex() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
