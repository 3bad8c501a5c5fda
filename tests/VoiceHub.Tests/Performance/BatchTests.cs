using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class BatchTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Concurrent_batch_keeps_item_order_and_each_item_is_created_once()
    {
        await using var factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Workflows:BatchParallelism"] = "8",
            ["VoiceHub:Workflows:RunWorkers"] = "false",
        });
        using var client = factory.CreateClient();
        // 40 items: even ones start self-test, odd ones name no template; the last two share an idempotency key.
        var items = Enumerable.Range(0, 40).Select(i => (object)(i % 2 == 0
            ? new { templateId = "self-test", inputs = new { delay = 0 } }
            : new { templateId = "nope" })).ToList();
        items.Add(new { templateId = "self-test", inputs = new { delay = 0 }, idempotencyKey = "same" });
        items.Add(new { templateId = "self-test", inputs = new { delay = 0 }, idempotencyKey = "same" });

        using var response = await client.PostAsJsonAsync("/api/workflows/batch", new { items });
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Enumerable.Range(0, 42), result.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(result.Take(40), r => Assert.Equal(r.GetProperty("index").GetInt32() % 2 == 0 ? 202 : 404, r.GetProperty("status").GetInt32()));
        var started = result.Take(40).Where(r => r.GetProperty("status").GetInt32() == 202).Select(r => r.GetProperty("workflowId").GetString()).ToList();
        Assert.Equal(20, started.Distinct().Count());
        Assert.Equal(result[40].GetProperty("workflowId").GetString(), result[41].GetProperty("workflowId").GetString());
        Assert.Equal(1, result.Skip(40).Count(r => r.GetProperty("created").GetBoolean()));
    }
}
