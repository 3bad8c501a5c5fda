using System.Text.Json.Nodes;
using VoiceHub.Contracts.Workflows;

namespace VoiceHub.Contracts.Hooks;

/// <summary>
/// <c>POST /api/hooks</c>: a hook that starts <see cref="TemplateId"/> with <see cref="Inputs"/>, each
/// input named in <see cref="Mapping"/> filled from the delivered JSON payload at a JSON pointer
/// (RFC 6901, e.g. <c>{"path": "/repository/name"}</c>).
/// </summary>
public sealed record CreateHookRequest(string? TemplateId, JsonObject? Inputs = null, Dictionary<string, string>? Mapping = null, string? Name = null);

/// <summary>A hook as lists show it: never its secret.</summary>
public sealed record HookView(
    string Id,
    string Name,
    string TemplateId,
    JsonObject Inputs,
    IReadOnlyDictionary<string, string> Mapping,
    string Url,
    string Owner,
    bool Paused,
    DateTimeOffset CreatedAt,
    IReadOnlyList<HookDeliveryView> RecentDeliveries);

/// <summary>
/// The answer to creating a hook: the only time <see cref="Secret"/> (<c>whsec_…</c>) is shown. Give it
/// to the sender as it is: GitHub signs with the whole string, Standard Webhooks senders with the
/// base64 part.
/// </summary>
public sealed record CreatedHook(HookView Hook, string Secret);

/// <summary>One delivery the hook received: accepted (with its workflow) or refused (with why).</summary>
public sealed record HookDeliveryView(
    string? DeliveryId,
    DateTimeOffset ReceivedAt,
    int Status,
    string? WorkflowId,
    string? Detail);

/// <summary>The answer to an accepted delivery (202): the workflow it started.</summary>
public sealed record HookAccepted(string HookId, string DeliveryId, WorkflowView Workflow);
