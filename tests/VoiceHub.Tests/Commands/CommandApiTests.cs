using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Commands;

/// <summary><c>POST /api/commands</c>: recognition, the action taken, the spoken reply, the thread.</summary>
[Collection(RedisCollection.Name)]
public sealed class CommandApiTests(RedisServerFixture redis) : ApiTest(redis)
{

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/commands", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    [Fact]
    public async Task Spoken_start_creates_a_workflow_with_202_location_and_a_reply()
    {
        var (status, body, response) = await SendAsync(new { text = "Please run the self test" });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("StartWorkflow", body.GetProperty("intent").GetString());
        Assert.Equal("grammar", body.GetProperty("stage").GetString());
        Assert.Equal("workflow_started", body.GetProperty("action").GetString());
        var id = body.GetProperty("workflow").GetProperty("id").GetString()!;
        Assert.Equal($"/api/workflows/{id}", response.Headers.Location?.ToString());
        Assert.Equal($"Started Engine Self-Test as workflow {id}.", body.GetProperty("reply").GetString());
        await Client.WaitForStatusAsync(id, "Completed");
    }

    [Fact]
    public async Task Slots_fill_the_template_inputs()
    {
        var (status, body, response) = await SendAsync(new { text = "build an api for managing todo lists" });

        // api-development needs a language model, which the tests do not configure: refused, with the reason spoken.
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("refused", body.GetProperty("action").GetString());
        Assert.Contains("language model", body.GetProperty("reply").GetString());
        Assert.Equal("managing todo lists", body.GetProperty("slots").GetProperty("description").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Unmatched_command_is_422_with_suggestions_and_examples()
    {
        var (status, body, _) = await SendAsync(new { text = "make me a sandwich with extra pickles" });

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("unmatched", body.GetProperty("action").GetString());
        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        Assert.NotEmpty(suggestions[0].GetProperty("examples").EnumerateArray());
        Assert.StartsWith("Sorry, I did not understand that.", body.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Status_cancel_and_retry_act_on_the_numbered_workflow()
    {
        var (_, started, _) = await SendAsync(new { text = "run the self test" });
        var id = started.GetProperty("workflow").GetProperty("id").GetString()!;
        await Client.WaitForStatusAsync(id, "Completed");

        var (statusCode, status, _) = await SendAsync(new { text = $"what's the status of workflow {id}" });
        var (cancelCode, cancel, _) = await SendAsync(new { text = $"cancel workflow {id}" });
        var (retryCode, retry, _) = await SendAsync(new { text = $"retry workflow {id}" });

        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Equal($"Workflow {id}, Engine Self-Test, completed all 5 steps.", status.GetProperty("reply").GetString());
        Assert.Equal(HttpStatusCode.Conflict, cancelCode);
        Assert.Contains("nothing to cancel", cancel.GetProperty("reply").GetString());
        Assert.Equal(HttpStatusCode.Conflict, retryCode);
        Assert.Contains("only failed or canceled", retry.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Unknown_workflow_number_is_404_with_a_spoken_reply()
    {
        var (status, body, _) = await SendAsync(new { text = "status of workflow 987654" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("There is no workflow 987654. Say 'list workflows' to hear the recent ones.", body.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task List_and_help_are_answered_directly()
    {
        var (listCode, list, _) = await SendAsync(new { text = "list the failed workflows" });
        var (helpCode, help, _) = await SendAsync(new { text = "what can you do" });

        Assert.Equal(HttpStatusCode.OK, listCode);
        Assert.Equal("list", list.GetProperty("action").GetString());
        Assert.Equal("There are no failed workflows.", list.GetProperty("reply").GetString());
        Assert.Equal(HttpStatusCode.OK, helpCode);
        Assert.StartsWith("I can start workflows", help.GetProperty("reply").GetString());
    }

    [Theory]
    [InlineData("{\"text\": \"\"}")]
    [InlineData("{\"text\": \"   \"}")]
    [InlineData("{ not json")]
    [InlineData("{\"text\": 42}")]
    public async Task Bad_bodies_are_400_problems(string json)
    {
        var response = await Client.PostAsync("/api/commands", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Overlong_text_is_400_naming_the_limit()
    {
        var (status, body, _) = await SendAsync(new { text = new string('a', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 500", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_thread_is_404_and_nothing_runs()
    {
        var before = (await Client.GetFromJsonAsync<JsonElement>("/api/workflows")).GetProperty("total").GetInt64();

        var (status, body, _) = await SendAsync(new { text = "run the self test", threadId = "thr_doesnotexist" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("POST /api/threads", body.GetProperty("detail").GetString());
        Assert.Equal(before, (await Client.GetFromJsonAsync<JsonElement>("/api/workflows")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Thread_records_the_words_the_reply_and_the_workflow_outcome()
    {
        var thread = await (await Client.PostAsJsonAsync("/api/threads", new { title = "console" })).Content.ReadFromJsonAsync<JsonElement>();
        var threadId = thread.GetProperty("id").GetString()!;

        var (_, started, _) = await SendAsync(new { text = "run the self test", threadId });
        var id = started.GetProperty("workflow").GetProperty("id").GetString()!;
        await Client.WaitForStatusAsync(id, "Completed");
        var messages = await WaitForMessagesAsync(threadId, 3);

        Assert.Equal(["user", "hub", "event"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("run the self test", messages[0].GetProperty("text").GetString());
        Assert.Equal("StartWorkflow", messages[1].GetProperty("data").GetProperty("intent").GetString());
        Assert.Equal(id, messages[1].GetProperty("data").GetProperty("workflowId").GetString());
        Assert.Equal($"Workflow {id}, Engine Self-Test, completed.", messages[2].GetProperty("text").GetString());
    }

    private async Task<List<JsonElement>> WaitForMessagesAsync(string threadId, int count)
    {
        using var cts = new CancellationTokenSource(Patience.Background);
        while (true)
        {
            var page = await Client.GetFromJsonAsync<JsonElement>($"/api/threads/{threadId}/messages", cts.Token);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count >= count)
            {
                return items;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
