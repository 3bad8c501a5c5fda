using System.Collections.Concurrent;
using System.Diagnostics;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>A workflow run is traced under the request that created it, one span per step.</summary>
[Collection(RedisCollection.Name)]
public sealed class WorkflowTracingTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Run_and_steps_continue_the_trace_of_the_creating_request()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "VoiceHub" or "Microsoft.AspNetCore" or RedisSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
        });
        var client = api.CreateClient();

        var id = (await client.StartAsync("self-test", new { delay = 0 })).Id();
        await client.WaitForStatusAsync(id, "Completed");

        var run = await WaitForAsync(() => spans.FirstOrDefault(s => s.GetTagItem("voicehub.workflow.id") as string == id));
        var steps = await WaitForAsync(() =>
        {
            var found = spans.Where(s => s.TraceId == run.TraceId && s.DisplayName.StartsWith("step ", StringComparison.Ordinal)).ToList();
            return found.Count >= 5 ? found : null;
        });

        Assert.NotNull(run.ParentId);
        Assert.Contains(spans, s => s.TraceId == run.TraceId && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(["finish", "join", "left", "right", "start"], steps.Select(s => s.DisplayName[5..]).Order());
        Assert.All(steps, s => Assert.Equal(run.SpanId, s.ParentSpanId));

        // The run's Redis calls are in its trace; the workers' polling outside any trace is not traced.
        await WaitForAsync(() => spans.FirstOrDefault(s => s.Source.Name == RedisSource && s.TraceId == run.TraceId));
        Assert.All(spans.Where(s => s.Source.Name == RedisSource), s => Assert.NotNull(s.ParentId));
    }

    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        using var cts = new CancellationTokenSource(Patience.Background);
        while (probe() is not { } found)
        {
            await Task.Delay(50, cts.Token);
        }

        return probe()!;
    }
}
