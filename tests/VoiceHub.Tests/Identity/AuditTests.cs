using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>Every change and every authentication failure is written down; only admins read it.</summary>
[Collection(RedisCollection.Name)]
public sealed class AuditTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Workflows:RunWorkers"] = "false" };

    [Fact]
    public async Task Changes_and_authentication_failures_are_audited_with_who_what_and_outcome()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var started = await alice.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 1 } });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var canceled = await alice.PostAsync($"/api/workflows/{id}/cancel", null);
        using var stranger = TestIdentity.SignIn(Api.CreateClient(), "vh_not-a-real-key");
        using var refused = await stranger.GetAsync("/api/workflows");
        using var read = await alice.GetAsync("/api/workflows");

        var audit = await Client.GetFromJsonAsync<JsonElement>("/api/audit");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();

        var cancel = Assert.Single(entries, e => e.GetProperty("action").GetString() == "POST /api/workflows/{id}/cancel");
        Assert.Equal("alice", cancel.GetProperty("principal").GetString());
        Assert.Equal("operator", cancel.GetProperty("role").GetString());
        Assert.Equal(id, cancel.GetProperty("target").GetString());
        Assert.Equal(202, cancel.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(cancel.GetProperty("traceId").GetString()));
        var failure = Assert.Single(entries, e => e.GetProperty("status").GetInt32() == 401);
        Assert.Equal(JsonValueKind.Null, failure.GetProperty("principal").ValueKind);
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString() == "GET /api/workflows/" && e.GetProperty("status").GetInt32() == 200);
        Assert.DoesNotContain("not-a-real-key", audit.ToString());
    }

    [Fact]
    public async Task The_audit_filters_by_principal_and_action_and_only_admins_read_it()
    {
        using var alice = Callers.Frontend(Api, "alice", "operator");
        using var bob = Callers.Frontend(Api, "bob", "operator");
        (await alice.PostAsJsonAsync("/api/threads", new { title = "a" })).Dispose();
        (await bob.PostAsJsonAsync("/api/threads", new { title = "b" })).Dispose();

        var alices = await Client.GetFromJsonAsync<JsonElement>("/api/audit?principal=alice&action=threads");
        using var asOperator = await alice.GetAsync("/api/audit");
        using var statistics = await alice.GetAsync("/api/errors/statistics");
        using var badTime = await Client.GetAsync("/api/audit?from=yesterday");

        Assert.Equal(1, alices.GetProperty("total").GetInt64());
        Assert.Contains("'admin'", (await ProblemAssert.IsProblemAsync(asOperator, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(statistics, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(badTime, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Error_statistics_count_4xx_and_5xx_by_route_and_status()
    {
        (await Client.GetAsync("/api/workflows/no-such-workflow")).Dispose();
        (await Client.GetAsync("/api/workflows/another-missing-one")).Dispose();
        using var stranger = TestIdentity.SignIn(Api.CreateClient(), null);
        (await stranger.GetAsync("/api/templates")).Dispose();

        var statistics = await Client.GetFromJsonAsync<JsonElement>("/api/errors/statistics");

        var routes = statistics.GetProperty("routes").EnumerateArray().ToList();
        Assert.Contains(routes, r => r.GetProperty("route").GetString() == "/api/workflows/{id}" && r.GetProperty("status").GetInt32() == 404 && r.GetProperty("count").GetInt64() == 2);
        Assert.Contains(routes, r => r.GetProperty("route").GetString() == "/api/templates/" && r.GetProperty("status").GetInt32() == 401);
        Assert.True(statistics.GetProperty("clientErrors").GetInt64() >= 3);
    }
}
