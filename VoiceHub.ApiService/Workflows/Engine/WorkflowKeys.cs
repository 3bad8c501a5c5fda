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

    /// <summary>
    /// Whether a client's id can name a workflow: ids are the numbers the engine hands out (1, 2, …).
    /// Anything else never reaches a key name, so "seq", "index" or "idem:x" cannot read the engine's
    /// own keys.
    /// </summary>
    public static bool IsWorkflowId(string? id) =>
        id is { Length: > 0 and <= 19 } && id[0] is >= '1' and <= '9' && id.All(char.IsAsciiDigit);

    /// <summary>Whether a client's artifact name can name one: letters, digits, dot, dash, underscore (no ':', which would reach the type field).</summary>
    public static bool IsArtifactName(string? name) =>
        name is { Length: > 0 and <= 100 } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

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
