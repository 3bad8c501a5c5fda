using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Platform.Secrets;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>
/// Every replica's sender: claims due deliveries from the shared queue (a visibility timeout long),
/// sends them at once, and records each attempt; failures come due again after a backoff until the
/// retry window closes, and enough failures in a row disable the subscription.
/// </summary>
public sealed class WebhookDispatcher(
    DeliveryQueue queue,
    WebhookStore store,
    SubscriptionCache cache,
    SigningSecrets secrets,
    WebhookSender sender,
    WebhookDispatcherSignal signal,
    HubMetrics metrics,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string Feature = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunDispatcher)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await queue.ClaimAsync(settings.ClaimBatch);
                if (claimed.Count == 0)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }

                await Task.WhenAll(claimed.Select(c => DeliverAsync(c, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let one round's failure stop the host (a BackgroundService that throws stops it by default).
                logger.LogWarning(ex, "Webhook dispatcher round failed; trying again shortly");
                await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task DeliverAsync(ClaimedDelivery claim, CancellationToken stoppingToken)
    {
        if (await queue.ReadForSendingAsync(claim.Id) is not { } delivery)
        {
            return;
        }

        var subscription = await store.GetAsync(delivery.SubscriptionId);
        var secret = subscription is null ? null : secrets.Unprotect(Feature, subscription.Record.Id, subscription.Record.ProtectedSecret);
        if (subscription is not { Enabled: true } || secret is null)
        {
            var why = subscription is null ? "The subscription was deleted."
                : secret is null ? "The subscription's secret can no longer be read; create a new subscription."
                : $"Not sent: the subscription is disabled ({subscription.DisabledReason}).";
            await RecordAsync(claim, delivery, new SendResult(null, TimeSpan.Zero, why), final: true);
            return;
        }

        var result = await sender.SendAsync(subscription.Record.Url, secret, delivery, stoppingToken);
        metrics.Record("webhook_delivery_duration", result.Duration.TotalSeconds);
        await RecordAsync(claim, delivery, result, final: false);
    }

    private async Task RecordAsync(ClaimedDelivery claim, PendingDelivery delivery, SendResult result, bool final)
    {
        var now = time.GetUtcNow();
        var next = result.Succeeded || final ? null : RetrySchedule.Next(options.Value, claim.Attempt, delivery.Since, now, Random.Shared.NextDouble());
        var status = result.Succeeded ? WebhookDeliveryStatus.Succeeded : next is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Retrying;
        var outcome = final ? DeliveryQueue.OutcomeNeither : result.Succeeded ? DeliveryQueue.OutcomeSuccess : DeliveryQueue.OutcomeFailure;
        var attempt = new WebhookAttemptView(claim.Attempt, now, result.StatusCode, Math.Round(result.Duration.TotalMilliseconds, 1), result.Error);
        var reason = $"Disabled after {options.Value.DisableAfterFailures} failed attempts in a row; the last: {result.Error}";
        var recorded = await queue.CompleteAsync(new AttemptResult(claim, delivery.SubscriptionId, status, next, attempt, outcome), reason);
        if (recorded < 0)
        {
            logger.LogWarning("Delivery {Delivery} was taken over by another replica before attempt {Attempt} was recorded", claim.Id, claim.Attempt);
            return;
        }

        metrics.Increment(status switch
        {
            WebhookDeliveryStatus.Succeeded => "webhooks.sent",
            WebhookDeliveryStatus.Retrying => "webhooks.retrying",
            _ => "webhooks.failed",
        });
        if (recorded == 1)
        {
            metrics.Increment("webhooks.disabled");
            cache.Invalidate();
            logger.LogWarning("Webhook subscription {Subscription} disabled: {Reason}", delivery.SubscriptionId, reason);
        }
    }
}
