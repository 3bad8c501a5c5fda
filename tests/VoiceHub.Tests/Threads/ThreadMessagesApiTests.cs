using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

[Collection(RedisCollection.Name)]
public sealed class ThreadMessagesApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly ThreadsTestHost _host = new(redis);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Appended_message_comes_back_with_sequence_role_and_data()
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages", new
        {
            role = "event",
            text = "Workflow 12 completed",
            data = new { intent = "RunCodeReview", workflowId = "12" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/threads/{id}/messages", response.Headers.Location?.OriginalString);
        var message = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("msg_", message.GetProperty("id").GetString());
        Assert.Equal(1, message.GetProperty("sequence").GetInt64());
        Assert.Equal("event", message.GetProperty("role").GetString());
        Assert.Equal("12", message.GetProperty("data").GetProperty("workflowId").GetString());

        var stored = (await _host.GetJsonAsync($"/api/threads/{id}/messages")).GetProperty("items")[0];
        Assert.Equal(message.GetProperty("id").GetString(), stored.GetProperty("id").GetString());
        Assert.Equal("RunCodeReview", stored.GetProperty("data").GetProperty("intent").GetString());
        Assert.Equal(message.GetProperty("timestamp").GetDateTimeOffset(), stored.GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task Messages_list_oldest_first_across_single_and_batch_appends()
    {
        var id = await _host.CreateThreadAsync();
        await _host.AppendAsync(id, "run a code review of VoiceHub.ApiService");
        var batch = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages/batch", new
        {
            messages = new object[]
            {
                new { role = "event", text = "intent RunCodeReview", data = new { intent = "RunCodeReview" } },
                new { role = "hub", text = "Starting the code review." },
            },
        });
        await _host.AppendAsync(id, "thanks");

        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var batchBody = await batch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([2L, 3L], batchBody.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(3, batchBody.GetProperty("messageCount").GetInt32());

        var page = await _host.GetJsonAsync($"/api/threads/{id}/messages");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], items.Select(m => m.GetProperty("sequence").GetInt64()));
        Assert.Equal(["user", "event", "hub", "user"], items.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(4, page.GetProperty("total").GetInt64());

        var thread = await _host.GetJsonAsync($"/api/threads/{id}");
        Assert.Equal(4, thread.GetProperty("messageCount").GetInt32());
        Assert.Equal(4, thread.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task Message_pages_hold_the_requested_slice_and_end_empty()
    {
        var id = await _host.CreateThreadAsync();
        for (var i = 1; i <= 5; i++)
        {
            await _host.AppendAsync(id, $"m{i}");
        }

        async Task<string[]> TextsAsync(int page) =>
            [.. (await _host.GetJsonAsync($"/api/threads/{id}/messages?page={page}&limit=2"))
                .GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];

        Assert.Equal(["m1", "m2"], await TextsAsync(1));
        Assert.Equal(["m3", "m4"], await TextsAsync(2));
        Assert.Equal(["m5"], await TextsAsync(3));
        Assert.Empty(await TextsAsync(4));
        var last = await _host.GetJsonAsync($"/api/threads/{id}/messages?page=3&limit=2");
        Assert.Equal(5, last.GetProperty("total").GetInt64());
        Assert.Equal(2, last.GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Bad_paging_of_messages_is_400_naming_the_parameter(string query, string parameter)
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.Client.GetAsync($"/api/threads/{id}/messages?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([parameter], ProblemAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Batch_with_invalid_items_stores_nothing_and_names_each_bad_index()
    {
        var id = await _host.CreateThreadAsync();
        await _host.AppendAsync(id, "already here");

        var response = await _host.Client.PostAsJsonAsync($"/api/threads/{id}/messages/batch", new
        {
            messages = new object?[]
            {
                new { role = "user", text = "fine" },
                new { role = "robot", text = "bad role" },
                new { role = "hub", text = "fine too" },
                new { role = "hub", text = new string('x', 4001) },
                null,
            },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["messages[1].role", "messages[3].text", "messages[4]"], ProblemAssert.ErrorFields(problem));
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("index 1, 3, 4", detail);
        Assert.Contains("4000", detail);

        var page = await _host.GetJsonAsync($"/api/threads/{id}/messages");
        Assert.Equal(["already here"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var thread = await _host.GetJsonAsync($"/api/threads/{id}");
        Assert.Equal(1, thread.GetProperty("lastSequence").GetInt64());
    }

    [Theory]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{}""")]
    [InlineData("")]
    public async Task Batch_without_messages_is_400_naming_messages(string body)
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.PostRawAsync($"/api/threads/{id}/messages/batch", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["messages"], ProblemAssert.ErrorFields(problem));
    }
}
