using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// This replica's view of the enabled subscriptions, read from Redis at most every
/// <see cref="WebhookOptions.SubscriptionRefresh"/> (and at once after a change made here), so asking
/// "does anyone want this event?" costs the engine nothing when nobody does.
/// </summary>
public sealed class SubscriptionCache(WebhookStore store, IOptions<WebhookOptions> options, TimeProvider time, ILogger<SubscriptionCache> logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile IReadOnlyList<WebhookRecord> _enabled = [];
    private long _readAt = long.MinValue;

    /// <summary>The enabled subscriptions that want <paramref name="eventType"/> (of <paramref name="templateId"/>, when given).</summary>
    public async ValueTask<IReadOnlyList<WebhookRecord>> WantingAsync(string eventType, string? templateId)
    {
        if (time.GetElapsedTime(Interlocked.Read(ref _readAt)) > options.Value.SubscriptionRefresh || Interlocked.Read(ref _readAt) == long.MinValue)
        {
            await RefreshAsync();
        }

        var enabled = _enabled;
        return enabled.Count == 0 ? [] : enabled.Where(s => s.Wants(eventType, templateId)).ToList();
    }

    /// <summary>Forget what was read: the next question reads Redis again.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _readAt, long.MinValue);

    private async Task RefreshAsync()
    {
        await _refresh.WaitAsync();
        try
        {
            if (Interlocked.Read(ref _readAt) != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref _readAt)) <= options.Value.SubscriptionRefresh)
            {
                return;
            }

            var started = time.GetTimestamp();
            _enabled = (await store.ListAsync()).Where(s => s.Enabled).Select(s => s.Record).ToList();
            Interlocked.Exchange(ref _readAt, started);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not read webhook subscriptions; keeping the last view");
        }
        finally
        {
            _refresh.Release();
        }
    }
}
