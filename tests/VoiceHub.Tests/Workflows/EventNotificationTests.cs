using StackExchange.Redis;
using VoiceHub.ApiService.Workflows.Engine;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>
/// The engine's scripts announce a workflow's newest event (<c>id:seq</c>) on the events channel while
/// a replica listens: sharded pub/sub on Redis 7+, classic pub/sub when
/// <c>VoiceHub:Workflows:ShardedNotifications</c> is false. A listener on the other kind hears nothing.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EventNotificationTests(RedisServerFixture redis)
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task A_running_workflow_announces_its_events_on_the_configured_kind_of_channel(string? setting, bool sharded)
    {
        var prefix = TestKeys.NewPrefix();
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            [ApiFactory.KeyPrefixSetting] = prefix,
            ["VoiceHub:Workflows:ShardedNotifications"] = setting,
        });
        using var client = api.CreateClient();
        var channel = new WorkflowKeys(prefix).EventsChannel;
        await using var listener = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var heardSharded = new List<string>();
        var heardClassic = new List<string>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Sharded(channel), (_, m) => { lock (heardSharded) heardSharded.Add(m!); });
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, m) => { lock (heardClassic) heardClassic.Add(m!); });

        var workflow = await client.StartAsync("self-test", new { delay = 0 });
        var id = workflow.Id();
        await client.WaitForStatusAsync(id, "Completed");

        var (expected, other) = sharded ? (heardSharded, heardClassic) : (heardClassic, heardSharded);
        var heard = await Eventually.UntilAsync(
            _ => Task.FromResult(Snapshot(expected)), list => list.Any(m => m.StartsWith($"{id}:", StringComparison.Ordinal)),
            $"a notification for workflow {id} on the {(sharded ? "sharded" : "classic")} channel", Patience.Background);
        Assert.All(heard.Where(m => m.StartsWith($"{id}:", StringComparison.Ordinal)), m => Assert.True(long.TryParse(m[(id.Length + 1)..], out _), m));
        Assert.DoesNotContain(Snapshot(other), m => m.StartsWith($"{id}:", StringComparison.Ordinal));
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
