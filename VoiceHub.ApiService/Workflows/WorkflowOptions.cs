using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Settings of the workflow engine (section <c>VoiceHub:Workflows</c>).</summary>
public sealed class WorkflowOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Workflows";

    /// <summary>Workflows one replica runs at once; the rest wait in the stream, first in first out.</summary>
    public int MaxConcurrentWorkflows { get; set; } = 4;

    /// <summary>Whether this process runs workers (API-only replicas can turn it off).</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>How long a finished workflow, its events and its idempotency key are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A queue entry idle this long belongs to a dead worker and is claimed by another.</summary>
    public TimeSpan ClaimIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a live worker touches its entries so they never look idle.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between queue polls when no notification arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Step timeout when a template does not give one.</summary>
    public TimeSpan DefaultStepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a step's result that makes no other step ready waits, while sibling branches still run,
    /// for the next sibling to finish, so both results are committed in one transition (one Redis
    /// script instead of two). Nothing waits on such a result; if the worker dies in that window the
    /// step runs again, as a running step would. Zero commits every result at once.
    /// </summary>
    public TimeSpan CoalesceResultsWithin { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Entries the global event stream is trimmed to (approximately); an entry holds one transition's events, one to a few.</summary>
    public int MaxGlobalEvents { get; set; } = 10_000;

    /// <summary>
    /// Whether event notifications use sharded pub/sub (<c>SPUBLISH</c>/<c>SSUBSCRIBE</c>). Unset: yes when
    /// every Redis server the client sees is 7.0 or newer. Set it to false for a Redis-compatible server
    /// or proxy that reports 7.x but has no sharded pub/sub; classic <c>PUBLISH</c> then carries them.
    /// </summary>
    public bool? ShardedNotifications { get; set; }

    /// <summary>A folder of your own template files, loaded beside the shipped ones (optional).</summary>
    public string? ExtraTemplatesPath { get; set; }

    /// <summary>Most items one batch request may carry.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Items of one batch request started at once; each start is still one atomic Lua script.</summary>
    public int BatchParallelism { get; set; } = 8;

    public IEnumerable<string> Problems()
    {
        if (MaxConcurrentWorkflows is < 1 or > 256) yield return "MaxConcurrentWorkflows must be 1..256.";
        if (BatchParallelism is < 1 or > 64) yield return "BatchParallelism must be 1..64.";
        if (MaxBatchSize is < 1 or > 10_000) yield return "MaxBatchSize must be 1..10000.";
        if (CoalesceResultsWithin < TimeSpan.Zero || CoalesceResultsWithin > TimeSpan.FromSeconds(1))
            yield return "CoalesceResultsWithin must be 0..1 s (0 commits every step result at once).";
        if (PollInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero || ClaimIdleTimeout <= HeartbeatInterval)
            yield return "PollInterval and HeartbeatInterval must be positive and ClaimIdleTimeout longer than HeartbeatInterval.";
    }
}
