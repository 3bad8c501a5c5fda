using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Webhooks;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Webhooks;

/// <summary>The delivery queue's claims: one holder at a time, a dead holder's deliveries retaken, a late holder unable to record.</summary>
[Collection(RedisCollection.Name)]
public sealed class DeliveryQueueTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Webhooks:RunDispatcher"] = "false",
        ["VoiceHub:Webhooks:RequestTimeout"] = "00:00:00.100",
        ["VoiceHub:Webhooks:VisibilityTimeout"] = "00:00:00.300",
    };

    private DeliveryQueue Queue => Api.Services.GetRequiredService<DeliveryQueue>();

    [Fact]
    public async Task Two_replicas_draining_at_once_claim_every_delivery_exactly_once()
    {
        for (var i = 0; i < 60; i++)
        {
            Assert.True(await Queue.EnqueueAsync("wh_00000000000000aa", "workflow.started", $"{{\"n\":{i}}}", $"event-{i}"));
        }

        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while ((await Queue.ClaimAsync(7)) is { Count: > 0 } batch)
            {
                foreach (var claim in batch)
                {
                    claimed.Add(claim.Id);
                }
            }
        })));

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_replica_is_retaken_and_the_dead_one_cannot_record()
    {
        await Queue.EnqueueAsync("wh_00000000000000bb", "workflow.started", "{}", null);
        var dead = Assert.Single(await Queue.ClaimAsync(10));

        Assert.Empty(await Queue.ClaimAsync(10));
        var retaken = await Eventually.UntilAsync(async _ => await Queue.ClaimAsync(10), c => c.Count == 1, "the claim to expire");

        Assert.Equal(dead.Id, retaken[0].Id);
        Assert.Equal(2, retaken[0].Attempt);
        var attempt = new WebhookAttemptView(1, DateTimeOffset.UtcNow, 200, 1, null);
        Assert.Equal(-1, await Queue.CompleteAsync(new AttemptResult(dead, "wh_00000000000000bb", WebhookDeliveryStatus.Succeeded, null, attempt, 1), ""));
        Assert.Equal(0, await Queue.CompleteAsync(new AttemptResult(retaken[0], "wh_00000000000000bb", WebhookDeliveryStatus.Succeeded, null, attempt with { Attempt = 2 }, 1), ""));
        var view = await Queue.GetAsync(dead.Id);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, view!.Status);
        Assert.Single(view.AttemptLog);
        Assert.Empty(await Queue.ClaimAsync(10));
    }

    [Fact]
    public async Task The_same_event_raised_twice_is_enqueued_once()
    {
        Assert.True(await Queue.EnqueueAsync("wh_00000000000000cc", "workflow.completed", "{}", "workflow:1:0:workflow.completed:"));
        Assert.False(await Queue.EnqueueAsync("wh_00000000000000cc", "workflow.completed", "{}", "workflow:1:0:workflow.completed:"));
        Assert.True(await Queue.EnqueueAsync("wh_00000000000000dd", "workflow.completed", "{}", "workflow:1:0:workflow.completed:"));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_stops_at_the_window_or_the_attempt_cap()
    {
        var options = new WebhookOptions { InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromHours(1), RetryWindow = TimeSpan.FromDays(1), MaxAttempts = 40 };
        var since = DateTimeOffset.UnixEpoch;

        Assert.Equal(since.AddSeconds(5), RetrySchedule.Next(options, 1, since, since, 1.0));
        Assert.Equal(since.AddSeconds(2.5), RetrySchedule.Next(options, 1, since, since, 0.0));
        Assert.Equal(since.AddSeconds(40), RetrySchedule.Next(options, 4, since, since, 1.0));
        Assert.Equal(since.AddHours(1), RetrySchedule.Next(options, 20, since, since, 1.0));
        Assert.Null(RetrySchedule.Next(options, 10, since, since.AddHours(23.5), 1.0));
        Assert.Null(RetrySchedule.Next(options, 40, since, since, 0.5));
    }
}
