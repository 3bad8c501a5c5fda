using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

[Collection(RedisCollection.Name)]
public sealed class ThreadsApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string UnknownId = "thr_00000000000000000000000000000000";
    private readonly ThreadsTestHost _host = new(redis);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_returns_201_with_location_metadata_and_limits()
    {
        var response = await _host.Client.PostAsJsonAsync("/api/threads", new { title = "Plan the week", metadata = new { source = "tests" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^thr_[0-9a-f]{32}$", id);
        Assert.Equal($"/api/threads/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Plan the week", created.GetProperty("title").GetString());
        Assert.Equal(0, created.GetProperty("messageCount").GetInt32());
        Assert.Equal(1000, created.GetProperty("limits").GetProperty("maxThreads").GetInt32());

        var fetched = await _host.GetJsonAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(id, fetched.GetProperty("id").GetString());
        Assert.Equal("tests", fetched.GetProperty("metadata").GetProperty("source").GetString());
        Assert.Equal(100, fetched.GetProperty("limits").GetProperty("maxMessagesPerThread").GetInt32());
    }

    [Fact]
    public async Task Create_with_empty_body_makes_an_untitled_thread()
    {
        var response = await _host.Client.PostAsync("/api/threads", content: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, created.GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task List_puts_the_most_recently_active_thread_first()
    {
        var first = await _host.CreateThreadAsync("first");
        var second = await _host.CreateThreadAsync("second");
        var third = await _host.CreateThreadAsync("third");
        await _host.AppendAsync(first, "bring the first back to the top");

        var page = await _host.GetJsonAsync("/api/threads");

        var ids = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([first, third, second], ids);
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("limit").GetInt32());
        Assert.Equal(4000, page.GetProperty("limits").GetProperty("maxMessageLength").GetInt32());
    }

    [Fact]
    public async Task List_pages_through_threads()
    {
        for (var i = 0; i < 3; i++)
        {
            await _host.CreateThreadAsync($"thread {i}");
        }

        var second = await _host.GetJsonAsync("/api/threads?page=2&limit=2");
        var beyond = await _host.GetJsonAsync("/api/threads?page=3&limit=2");

        Assert.Equal(["thread 0"], second.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
        Assert.Equal(3, second.GetProperty("total").GetInt64());
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Bad_paging_of_threads_is_400_naming_the_parameter(string query, string parameter)
    {
        var response = await _host.Client.GetAsync($"/api/threads?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([parameter], ProblemAssert.ErrorFields(problem));
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/messages")]
    [InlineData("POST", "/messages/batch")]
    [InlineData("DELETE", "")]
    public async Task Unknown_thread_is_404_problem_details(string method, string path)
    {
        foreach (var id in new[] { UnknownId, "not-a-thread" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), $"/api/threads/{id}{path}");
            if (method == "POST")
            {
                request.Content = JsonContent.Create(path.EndsWith("batch")
                    ? new { messages = new[] { new { role = "user", text = "hello" } } }
                    : (object)new { role = "user", text = "hello" });
            }

            var problem = await ProblemAssert.IsProblemAsync(await _host.Client.SendAsync(request), HttpStatusCode.NotFound);
            Assert.Contains(id, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Delete_removes_the_thread_and_its_messages()
    {
        var id = await _host.CreateThreadAsync("to delete");
        await _host.AppendAsync(id, "soon gone");
        var keep = await _host.CreateThreadAsync("to keep");

        var deleted = await _host.Client.DeleteAsync($"/api/threads/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await _host.Client.GetAsync($"/api/threads/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.Client.DeleteAsync($"/api/threads/{id}"), HttpStatusCode.NotFound);
        var page = await _host.GetJsonAsync("/api/threads");
        Assert.Equal([keep], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.DoesNotContain(await _host.KeysAsync(), key => key.Contains(id));
    }

    [Theory]
    [InlineData("/api/threads")]
    [InlineData("/api/threads/{id}/messages")]
    [InlineData("/api/threads/{id}/messages/batch")]
    public async Task Malformed_json_is_400_problem_details(string url)
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.PostRawAsync(url.Replace("{id}", id), "{\"title\": \"unterminated");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrongly_typed_field_is_400_naming_its_path()
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.PostRawAsync($"/api/threads/{id}/messages", """{"role":"user","text":"hi","data":{"count":3}}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$.data.count", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Body_that_is_not_json_is_415()
    {
        var response = await _host.PostRawAsync("/api/threads", "title=hello", "application/x-www-form-urlencoded");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"role":"robot","text":"hi"}""", "role")]
    [InlineData("""{"text":"hi"}""", "role")]
    [InlineData("""{"role":"user","text":"   "}""", "text")]
    [InlineData("""{"role":"user"}""", "text")]
    [InlineData("""{"role":"hub","text":"hi","data":{"":"empty key"}}""", "data")]
    public async Task Invalid_message_is_400_naming_the_field(string body, string field)
    {
        var id = await _host.CreateThreadAsync();

        var response = await _host.PostRawAsync($"/api/threads/{id}/messages", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], ProblemAssert.ErrorFields(problem));
        var thread = await _host.GetJsonAsync($"/api/threads/{id}");
        Assert.Equal(0, thread.GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task Too_long_title_is_400_naming_title()
    {
        var response = await _host.Client.PostAsJsonAsync("/api/threads", new { title = new string('t', 201) });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["title"], ProblemAssert.ErrorFields(problem));
        Assert.Contains("200", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_thread_operations()
    {
        var document = await _host.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.Equal("CreateThread", paths.GetProperty("/api/threads").GetProperty("post").GetProperty("operationId").GetString());
        var batch = paths.GetProperty("/api/threads/{id}/messages/batch").GetProperty("post");
        Assert.Equal("AppendThreadMessages", batch.GetProperty("operationId").GetString());
        Assert.True(batch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(batch.GetProperty("responses").TryGetProperty("404", out _));
    }
}
