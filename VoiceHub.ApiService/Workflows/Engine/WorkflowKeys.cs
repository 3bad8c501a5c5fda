namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Every Redis key and channel of the engine, in one place.</summary>
public sealed class WorkflowKeys(string prefix)
{
    public const string ConsumerGroup = "workers";

    public string Prefix { get; } = prefix;
    public string Sequence => $"{Prefix}wf:seq";
    public string Index => $"{Prefix}wf:index";
    public string Queue => $"{Prefix}wf:queue";
    public string GlobalEvents => $"{Prefix}events";
    public string EventsChannel => $"{Prefix}events";
    public string QueuedChannel => $"{Prefix}wf:queued";
    public string CancelChannel => $"{Prefix}wf:cancel";

    public string Workflow(string id) => $"{Prefix}wf:{id}";
    public string Events(string id) => $"{Prefix}wf:{id}:events";
    public string Artifacts(string id) => $"{Prefix}wf:{id}:artifacts";
    public string StatusIndex(string status) => $"{Prefix}wf:status:{status}";
    public string Idempotency(string key) => $"{Prefix}wf:idem:{key}";

    /// <summary>
    /// An idempotency key as stored: the SHA-256 of the principal and the key, so one caller's key
    /// neither finds nor blocks another's workflow, and neither appears in clear in key names.
    /// </summary>
    public static string IdempotencyScope(string? principal, string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes((principal ?? "") + "\n" + key)));
}
