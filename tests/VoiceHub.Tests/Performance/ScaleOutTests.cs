using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

/// <summary>Two API instances on one Redis, as two replicas behind a load balancer.</summary>
[Collection(RedisCollection.Name)]
public sealed class ScaleOutTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Events_of_a_workflow_created_on_one_replica_stream_from_another()
    {
        // Two replicas of one hub: the same Redis, the same keys.
        var settings = new Dictionary<string, string?> { [ApiFactory.KeyPrefixSetting] = TestKeys.NewPrefix() };
        await using var a = new ApiFactory(redis, settings);
        await using var b = new ApiFactory(redis, settings);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        using var cts = new CancellationTokenSource(Patience.Background);

        var workflow = await clientA.StartAsync("self-test", new { delay = 300 });
        using var response = await clientB.GetAsync($"/api/workflows/{workflow.Id()}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var seen = new List<string>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                seen.Add(line["event: ".Length..]);
            }
        }

        Assert.Equal("workflow.created", seen.First());
        Assert.Equal("workflow.completed", seen.Last());
        Assert.Contains("step.succeeded", seen);
    }
}
