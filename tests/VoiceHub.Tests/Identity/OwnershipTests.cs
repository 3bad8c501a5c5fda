using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>
/// Workflows are a team board (every viewer reads all; only the owner or an admin changes one);
/// threads are private (only the owner or an admin; others get 404, so ids cannot be probed).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class OwnershipTests(RedisServerFixture redis) : ApiTest(redis)
{
    private static readonly object SlowSelfTest = new { templateId = "self-test", inputs = new { delay = 10_000 } };

    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Workflows:RunWorkers"] = "false" };

    [Fact]
    public async Task Everyone_reads_every_workflow_but_only_the_owner_or_an_admin_changes_it()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        using var viewer = Callers.Frontend(Api, "vera", "viewer");
        var id = await StartAsync(alice);

        var seenByViewer = await viewer.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");
        var listedForBob = await bob.GetFromJsonAsync<JsonElement>("/api/workflows");
        using var bobCancels = await bob.PostAsync($"/api/workflows/{id}/cancel", null);
        using var bobSays = await bob.PostAsJsonAsync("/api/commands", new { text = $"cancel workflow {id}" });
        using var aliceCancels = await alice.PostAsync($"/api/workflows/{id}/cancel", null);
        using var bobRetries = await bob.PostAsync($"/api/workflows/{id}/retry", null);
        using var bobDeletes = await bob.DeleteAsync($"/api/workflows/{id}");
        using var adminRetries = await Client.PostAsync($"/api/workflows/{id}/retry", null);

        Assert.Equal("alice", seenByViewer.GetProperty("owner").GetString());
        Assert.Equal(1, listedForBob.GetProperty("total").GetInt64());
        Assert.Contains("alice", (await ProblemAssert.IsProblemAsync(bobCancels, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, bobSays.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, aliceCancels.StatusCode);
        await ProblemAssert.IsProblemAsync(bobRetries, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(bobDeletes, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, adminRetries.StatusCode);
    }

    [Fact]
    public async Task An_idempotency_key_belongs_to_the_caller_who_used_it()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        var body = new { templateId = "self-test", inputs = new { delay = 1 }, idempotencyKey = "nightly" };

        using var first = await alice.PostAsJsonAsync("/api/workflows", body);
        using var again = await alice.PostAsJsonAsync("/api/workflows", body);
        using var bobsOwn = await bob.PostAsJsonAsync("/api/workflows", body);

        var aliceId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(aliceId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, bobsOwn.StatusCode);
        var bobs = await bobsOwn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(aliceId, bobs.GetProperty("id").GetString());
        Assert.Equal("bob", bobs.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Threads_are_private_and_someone_elses_thread_is_404()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        using var created = await alice.PostAsJsonAsync("/api/threads", new { title = "alice's notes" });
        var thread = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = thread.GetProperty("id").GetString();
        Assert.Equal("alice", thread.GetProperty("owner").GetString());

        var bobsList = await bob.GetFromJsonAsync<JsonElement>("/api/threads");
        var alicesList = await alice.GetFromJsonAsync<JsonElement>("/api/threads");
        var adminsList = await Client.GetFromJsonAsync<JsonElement>("/api/threads");
        Assert.Equal(0, bobsList.GetProperty("total").GetInt64());
        Assert.Equal(1, alicesList.GetProperty("total").GetInt64());
        Assert.Equal(1, adminsList.GetProperty("total").GetInt64());

        foreach (var response in new[]
        {
            await bob.GetAsync($"/api/threads/{id}"),
            await bob.GetAsync($"/api/threads/{id}/messages"),
            await bob.PostAsJsonAsync($"/api/threads/{id}/messages", new { role = "user", text = "hi" }),
            await bob.PostAsJsonAsync($"/api/threads/{id}/messages/batch", new { messages = new[] { new { role = "user", text = "hi" } } }),
            await bob.PostAsJsonAsync("/api/commands", new { text = "list workflows", threadId = id }),
            await bob.DeleteAsync($"/api/threads/{id}"),
        })
        {
            using (response)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
            }
        }

        using var adminReads = await Client.GetAsync($"/api/threads/{id}/messages");
        using var aliceDeletes = await alice.DeleteAsync($"/api/threads/{id}");
        Assert.Equal(HttpStatusCode.OK, adminReads.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, aliceDeletes.StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/workflows", SlowSelfTest);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
