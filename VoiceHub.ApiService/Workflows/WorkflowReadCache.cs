using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>
/// Finished workflows through HybridCache: a finished workflow changes only when it is retried or
/// deleted, so its reads can skip Redis' JSON document for a while. Running ones are always read
/// fresh. Entries carry the tag <c>workflow:{id}</c>; <see cref="WorkflowService"/> removes it on
/// retry and delete, whoever asks (the workflow endpoints or a command).
/// </summary>
public sealed class WorkflowReadCache(HybridCache cache, WorkflowStore store, IOptions<RedisKeyOptions> keys)
{
    // Look only; never call the store from inside the cache (an unfinished workflow must not be stored).
    private static readonly HybridCacheEntryOptions LookOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public async Task<WorkflowState?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var key = Key(id);
        if (await cache.GetOrCreateAsync<WorkflowState?>(key, _ => ValueTask.FromResult<WorkflowState?>(null), LookOnly, cancellationToken: cancellationToken) is { } cached)
        {
            return cached;
        }

        var workflow = await store.GetAsync(id);
        if (workflow is not null && WorkflowStatus.IsFinished(workflow.Status))
        {
            await cache.SetAsync(key, workflow, tags: [Tag(id)], cancellationToken: cancellationToken);
        }

        return workflow;
    }

    /// <summary>Forgets a workflow after it changed (retry) or went (delete).</summary>
    public ValueTask InvalidateAsync(string id, CancellationToken cancellationToken = default) => cache.RemoveByTagAsync(Tag(id), cancellationToken);

    private string Key(string id) => keys.Value.KeyPrefix + "workflow:" + id;

    // Keyed by prefix too: hubs sharing one Redis under different prefixes have the same ids.
    private string Tag(string id) => keys.Value.KeyPrefix + "workflow:" + id;
}
