using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

[Collection(RedisCollection.Name)]
public sealed class WorkflowApiTests(RedisServerFixture redis) : ApiTest(redis)
{
    private readonly string _templates = TestTemplates.WriteFolder();

    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Workflows:ExtraTemplatesPath"] = _templates };

    protected override Task StoppedAsync()
    {
        Directory.Delete(_templates, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Created_workflow_is_accepted_with_location_and_completes()
    {
        var response = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 10 } });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/workflows/{created.Id()}", response.Headers.Location?.ToString());
        var done = await Client.WaitForStatusAsync(created.Id(), "Completed", "Failed");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));
        Assert.Equal(10, done.Step("join").GetProperty("output").GetProperty("left").GetInt32());
        Assert.Equal($"Self-test of workflow {created.Id()} finished.", done.Step("finish").GetProperty("output").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Missing_and_invalid_inputs_are_400_naming_each()
    {
        var response = await Client.PostAsJsonAsync("/api/workflows",
            new { templateId = "self-test", inputs = new { delay = "soon", color = "red" } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Contains("integer", errors.GetProperty("inputs.delay")[0].GetString());
        Assert.Contains("no input 'color'", errors.GetProperty("inputs.color")[0].GetString());

        var missing = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "research-docs" });
        var missingProblem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("required", missingProblem.GetProperty("errors").GetProperty("inputs.topic")[0].GetString());
    }

    [Fact]
    public async Task Unknown_template_is_404_and_nothing_is_written()
    {
        var before = await Client.GetFromJsonAsync<JsonElement>("/api/workflows");
        var response = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "no-such-template" });
        var after = await Client.GetFromJsonAsync<JsonElement>("/api/workflows");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("GET /api/templates", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before.GetProperty("total").GetInt64(), after.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Template_needing_a_language_model_is_refused_with_422_naming_it()
    {
        var response = await Client.PostAsJsonAsync("/api/workflows",
            new { templateId = "api-development", inputs = new { description = "todo lists" } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("ConnectionStrings:llm", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{ not json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("", "application/json")]
    public async Task Malformed_body_is_a_400_problem(string body, string contentType)
    {
        var response = await Client.PostAsync("/api/workflows", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Non_json_body_is_415_saying_what_to_send()
    {
        var response = await Client.PostAsync("/api/workflows", new StringContent("templateId=self-test", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("status=sleeping")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query)
    {
        var response = await Client.GetAsync($"/api/workflows?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(query.Split('=')[0], out _));
    }

    [Fact]
    public async Task List_is_paginated_newest_first_and_filters_by_status()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Client.StartAsync("self-test", new { delay = 0 })).Id());
        }

        foreach (var id in ids)
        {
            await Client.WaitForStatusAsync(id, "Completed");
        }

        var page1 = await Client.GetFromJsonAsync<JsonElement>("/api/workflows?page=1&limit=2&status=completed");
        var page2 = await Client.GetFromJsonAsync<JsonElement>("/api/workflows?page=2&limit=2&status=Completed");

        Assert.Equal(2, page1.GetProperty("limit").GetInt32());
        Assert.True(page1.GetProperty("total").GetInt64() >= 3);
        var listed = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(w => w.Id()).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), listed.Where(ids.Contains).Take(3));
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_existing_workflow()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", idempotencyKey = key });
        var second = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", idempotencyKey = key });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).Id(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).Id());
    }

    [Fact]
    public async Task Concurrent_creations_with_one_key_make_one_workflow()
    {
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", idempotencyKey = key })));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).Id()));

        Assert.Single(ids.Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Cancel_reaches_the_running_step_and_later_steps_never_run()
    {
        var id = (await Client.StartAsync("test-long")).Id();
        await Client.WaitForStepAsync(id, "wait", "Running");

        var cancel = await Client.PostAsync($"/api/workflows/{id}/cancel", null);
        var done = await Client.WaitForStatusAsync(id, "Canceled", "Completed", "Failed");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("Canceled", done.GetProperty("status").GetString());
        Assert.Equal("Succeeded", done.Step("first").GetProperty("status").GetString());
        Assert.Equal("Canceled", done.Step("wait").GetProperty("status").GetString());
        Assert.Equal("Canceled", done.Step("last").GetProperty("status").GetString());
        Assert.Equal(0, done.Step("last").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Finished_workflow_cannot_be_canceled_or_deleted_twice()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 0 })).Id();
        await Client.WaitForStatusAsync(id, "Completed");

        Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsync($"/api/workflows/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/workflows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/workflows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/workflows/{id}")).StatusCode);
    }

    [Fact]
    public async Task Running_workflow_cannot_be_deleted()
    {
        var id = (await Client.StartAsync("test-long")).Id();
        await Client.WaitForStepAsync(id, "wait", "Running");

        var delete = await Client.DeleteAsync($"/api/workflows/{id}");

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        await Client.PostAsync($"/api/workflows/{id}/cancel", null);
        await Client.WaitForStatusAsync(id, "Canceled");
    }

    [Fact]
    public async Task Ids_are_never_reused_after_a_delete()
    {
        var first = (await Client.StartAsync("self-test", new { delay = 0 })).Id();
        await Client.WaitForStatusAsync(first, "Completed");
        await Client.DeleteAsync($"/api/workflows/{first}");

        var second = (await Client.StartAsync("self-test", new { delay = 0 })).Id();

        Assert.True(long.Parse(second) > long.Parse(first));
    }

    [Fact]
    public async Task Unknown_workflow_is_404_for_every_operation()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/workflows/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/api/workflows/999999999/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/api/workflows/999999999/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync("/api/workflows/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/workflows/999999999/events")).StatusCode);
    }

    [Fact]
    public async Task Batch_reports_each_item_and_starts_the_valid_ones()
    {
        var response = await Client.PostAsJsonAsync("/api/workflows/batch", new
        {
            items = new object[]
            {
                new { templateId = "self-test", inputs = new { delay = 0 } },
                new { templateId = "nope" },
                new { templateId = "self-test", inputs = new { delay = -5 } },
            },
        });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([202, 404, 400], items.Select(i => i.GetProperty("status").GetInt32()));
        await Client.WaitForStatusAsync(items[0].GetProperty("workflowId").GetString()!, "Completed");
    }

    [Fact]
    public async Task Templates_list_filters_by_category_and_unknown_template_is_404()
    {
        var data = await Client.GetFromJsonAsync<JsonElement>("/api/templates?category=data");
        var one = await Client.GetFromJsonAsync<JsonElement>("/api/templates/data-insights");
        var missing = await Client.GetAsync("/api/templates/nope");

        Assert.All(data.GetProperty("items").EnumerateArray(), t => Assert.Equal("data", t.GetProperty("category").GetString()));
        Assert.Contains(data.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == "data-insights");
        Assert.Equal("path", one.GetProperty("inputs")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Workflow_counts_and_step_durations_reach_the_metrics()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 0 })).Id();
        await Client.WaitForStatusAsync(id, "Completed");

        var metrics = await Client.GetFromJsonAsync<JsonElement>("/api/metrics");

        Assert.True(metrics.GetProperty("counters").GetProperty("workflows.created").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("counters").GetProperty("workflows.completed").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("timers").GetProperty("step_duration.system").GetProperty("count").GetInt64() >= 5);
        Assert.True(metrics.GetProperty("gauges").TryGetProperty("active_workflows", out _));
    }

    [Fact]
    public async Task Task_sentence_starts_the_template_it_names_with_explicit_inputs_winning()
    {
        var response = await Client.PostAsJsonAsync("/api/workflows", new { task = "please run the self test", inputs = new { delay = 3 } });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("self-test", created.GetProperty("templateId").GetString());
        Assert.Equal(3, created.GetProperty("inputs").GetProperty("delay").GetInt32());
    }

    [Fact]
    public async Task Task_that_is_not_a_workflow_is_422_with_what_to_do()
    {
        var notWorkflow = await Client.PostAsJsonAsync("/api/workflows", new { task = "cancel workflow 12" });
        var nonsense = await Client.PostAsJsonAsync("/api/workflows", new { task = "bake me a cake" });

        Assert.Equal((HttpStatusCode)422, notWorkflow.StatusCode);
        Assert.Contains("POST /api/commands", (await notWorkflow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode)422, nonsense.StatusCode);
        Assert.True((await nonsense.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggestions").GetArrayLength() > 0);
    }
}
