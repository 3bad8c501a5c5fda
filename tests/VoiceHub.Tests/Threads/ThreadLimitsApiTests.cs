using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

/// <summary>The limits, made small through configuration so they are reached in a few requests.</summary>
[Collection(RedisCollection.Name)]
public sealed class ThreadLimitsApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly ThreadsTestHost _host = new(redis, new Dictionary<string, string?>
    {
        ["VoiceHub:Threads:MaxThreads"] = "3",
        ["VoiceHub:Threads:MaxMessagesPerThread"] = "5",
        ["VoiceHub:Threads:MaxMessageLength"] = "50",
        ["VoiceHub:Threads:MaxBatchSize"] = "4",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Configured_limits_are_reported_on_threads_and_lists()
    {
        var id = await _host.CreateThreadAsync();

        var thread = await _host.GetJsonAsync($"/api/threads/{id}");
        var threads = await _host.GetJsonAsync("/api/threads");
        var messages = await _host.GetJsonAsync($"/api/threads/{id}/messages");

        foreach (var limits in new[] { thread, threads, messages }.Select(r => r.GetProperty("limits")))
        {
            Assert.Equal(3, limits.GetProperty("maxThreads").GetInt32());
            Assert.Equal(5, limits.GetProperty("maxMessagesPerThread").GetInt32());
            Assert.Equal(50, limits.GetProperty("maxMessageLength").GetInt32());
            Assert.Equal(4, limits.GetProperty("maxBatchSize").GetInt32());
        }
    }

    [Fact]
    public async Task Creating_past_the_limit_evicts_the_least_recently_active_thread_with_its_messages()
    {
        var first = await _host.CreateThreadAsync("first");
        var second = await _host.CreateThreadAsync("second");
        var third = await _host.CreateThreadAsync("third");
        await _host.AppendAsync(second, "second's only message");
        await _host.AppendAsync(first, "first is active again");

        var fourth = await _host.CreateThreadAsync("fourth");

        var page = await _host.GetJsonAsync("/api/threads");
        Assert.Equal([fourth, first, second], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        await ProblemAssert.IsProblemAsync(await _host.Client.GetAsync($"/api/threads/{third}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await _host.KeysAsync(), key => key.Contains(third));

        var fifth = await _host.CreateThreadAsync("fifth");

        await ProblemAssert.IsProblemAsync(await _host.Client.GetAsync($"/api/threads/{second}/messages"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await _host.KeysAsync(), key => key.Contains(second));
        var after = await _host.GetJsonAsync("/api/threads");
        Assert.Equal([fifth, fourth, first], after.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Appending_past_the_limit_trims_the_oldest_messages()
    {
        var id = await _host.CreateThreadAsync();
        for (var i = 1; i <= 7; i++)
        {
            await _host.AppendAsync(id, $"m{i}");
        }

        var page = await _host.GetJsonAsync($"/api/threads/{id}/messages");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["m3", "m4", "m5", "m6", "m7"], items.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal([3L, 4L, 5L, 6L, 7L], items.Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        var thread = await _host.GetJsonAsync($"/api/threads/{id}");
        Assert.Equal(5, thread.GetProperty("messageCount").GetInt32());
        Assert.Equal(7, thread.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task Batch_that_overflows_the_thread_keeps_the_newest_messages()
    {
        var id = await _host.CreateThreadAsync();
        await _host.AppendAsync(id, "m1");
        await _host.AppendAsync(id, "m2");

        var response = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages/batch", new
        {
            messages = Enumerable.Range(3, 4).Select(i => new { role = "hub", text = $"m{i}" }),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageCount").GetInt32());
        var page = await _host.GetJsonAsync($"/api/threads/{id}/messages");
        Assert.Equal(["m2", "m3", "m4", "m5", "m6"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Message_over_the_length_limit_is_400_stating_the_limit()
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages", new { role = "user", text = new string('a', 51) });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["text"], ProblemAssert.ErrorFields(problem));
        Assert.Contains("51 characters; the limit is 50", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await _host.GetJsonAsync($"/api/threads/{id}")).GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task Batch_over_the_size_limit_is_400_stating_the_limit()
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages/batch", new
        {
            messages = Enumerable.Range(1, 5).Select(i => new { role = "user", text = $"m{i}" }),
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["messages"], ProblemAssert.ErrorFields(problem));
        Assert.Contains("1 to 4 messages; got 5", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await _host.GetJsonAsync($"/api/threads/{id}")).GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task Body_too_large_to_be_valid_is_413()
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.PostRawAsync($"/api/threads/{id}/messages", $$"""{"role":"user","text":"{{new string('a', 1_000_000)}}"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("byte limit", problem.GetProperty("detail").GetString());
    }
}
