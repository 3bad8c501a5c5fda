namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Every Redis key and channel of the engine, in one place. Every key carries the hash tag
/// <c>{wf}</c> (<c>voicehub:{wf}:12</c>, <c>voicehub:{wf}:queue</c>, …), so on a Redis Cluster all of
/// them live in one slot and each script, which moves a workflow, its indexes, its events and the
/// queue together, touches one slot. The engine's data therefore lives on one shard of a cluster;
/// threads, rate limits and caches spread over all of them.
/// </summary>
public sealed class WorkflowKeys(string prefix)
{
    public const string ConsumerGroup = "workers";

    /// <summary>The hash tag of every engine key (see the class remarks).</summary>
    public const string HashTag = "{wf}";

    public string Prefix { get; } = prefix;

    /// <summary>What every engine key starts with, e.g. <c>voicehub:{wf}:</c>; the scripts derive their keys from it.</summary>
    public string Base => $"{Prefix}{HashTag}:";
    public string Sequence => $"{Base}seq";
    public string Index => $"{Base}index";
    public string Queue => $"{Base}queue";
    public string GlobalEvents => $"{Base}events";

    /// <summary>Channel of <c>id:seq</c> of the newest event, published only while a replica listens: sharded (same slot as the keys) on Redis 7+.</summary>
    public string EventsChannel => $"{Base}events";
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

    public string Workflow(string id) => $"{Base}{id}";
    public string Events(string id) => $"{Base}{id}:events";
    public string Artifacts(string id) => $"{Base}{id}:artifacts";
    public string StatusIndex(string status) => $"{Base}status:{status}";
    public string Idempotency(string key) => $"{Base}idem:{key}";

    /// <summary>
    /// An idempotency key as stored: the SHA-256 of the principal and the key, so one caller's key
    /// neither finds nor blocks another's workflow, and neither appears in clear in key names.
    /// </summary>
    public static string IdempotencyScope(string? principal, string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes((principal ?? "") + "\n" + key)));
}
