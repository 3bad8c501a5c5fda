using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>
/// Finished workflows expire by themselves (Redis TTL = retention); this removes their ids from
/// the list indexes afterwards. Safe on every replica at once: removals are idempotent.
/// </summary>
public sealed class WorkflowRetentionService(WorkflowStore store, TimeProvider time, ILogger<WorkflowRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var removed = await store.TrimIndexesAsync();
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} expired workflows from the indexes", removed);
                }
            }
            catch (StackExchange.Redis.RedisException ex)
            {
                logger.LogWarning(ex, "Could not trim workflow indexes; next try in {Interval}", Every);
            }
        }
    }
}
