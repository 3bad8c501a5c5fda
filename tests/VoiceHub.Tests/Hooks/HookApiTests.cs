using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Hooks;

/// <summary>Inbound hooks end to end: a signed delivery starts the hook's workflow for its owner; everything else is refused.</summary>
[Collection(RedisCollection.Name)]
public sealed class HookApiTests(RedisServerFixture redis) : ApiTest(redis)
{
    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Hooks:MaxBodyBytes"] = "4096" };

    [Fact]
    public async Task A_GitHub_push_starts_a_code_review_of_the_mapped_folder_owned_by_the_hooks_owner()
    {
        using var olga = await Identity.Callers.WithRoleAsync(Api, "operator", "olga");
        var created = await HookDeliveries.CreateAsync(olga, new { templateId = "code-review", mapping = new { path = "/repository/name" } });
        var (url, secret) = (created.GetProperty("hook").GetProperty("url").GetString()!, created.GetProperty("secret").GetString()!);

        using var response = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, HookDeliveries.GitHubPush("samples"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var workflowId = accepted.GetProperty("workflow").GetProperty("id").GetString()!;
        var workflow = await Client.WaitFinishedAsync(workflowId);
        Assert.Equal("Completed", workflow.GetProperty("status").GetString());
        Assert.Equal("code-review", workflow.GetProperty("templateId").GetString());
        Assert.Equal("samples", workflow.GetProperty("inputs").GetProperty("path").GetString());
        Assert.Equal("olga", workflow.GetProperty("owner").GetString());
        Assert.Contains("report.md", workflow.GetProperty("artifacts").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_never_listed()
    {
        var created = await HookDeliveries.CreateAsync(Client, new { templateId = "self-test" });
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("hook").GetProperty("id").GetString()!;

        var list = await Client.GetStringAsync("/api/hooks");
        var one = await Client.GetStringAsync($"/api/hooks/{id}");

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.EndsWith($"/hooks/{id}", created.GetProperty("hook").GetProperty("url").GetString());
        Assert.DoesNotContain(secret["whsec_".Length..], list);
        Assert.DoesNotContain(secret["whsec_".Length..], one);
        Assert.DoesNotContain(secret["whsec_".Length..], string.Join("\n", await RedisValuesAsync()));
    }

    [Fact]
    public async Task A_Standard_Webhooks_delivery_starts_the_workflow_and_its_replay_is_refused()
    {
        var (url, secret) = await SelfTestHookAsync();
        var body = "{\"delay\": 5}";

        using var first = await HookDeliveries.SendStandardAsync(Anonymous(), url, secret, body, "msg_replay_1", DateTimeOffset.UtcNow);
        using var again = await HookDeliveries.SendStandardAsync(Anonymous(), url, secret, body, "msg_replay_1", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(1, await WorkflowCountAsync());
    }

    [Fact]
    public async Task A_reused_GitHub_delivery_is_refused_even_under_a_new_delivery_id()
    {
        var (url, secret) = await SelfTestHookAsync();
        var body = "{\"delay\": 5}";

        using var first = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, body, "d-1");
        using var sameId = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, body, "d-1");
        using var newId = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, body, "d-2");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await ProblemAssert.IsProblemAsync(sameId, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(newId, HttpStatusCode.Conflict);
        Assert.Equal(1, await WorkflowCountAsync());
    }

    [Fact]
    public async Task Forged_tampered_stale_and_unsigned_deliveries_get_401_and_start_nothing()
    {
        var (url, secret) = await SelfTestHookAsync();
        var body = "{\"delay\": 5}";
        var forgedSecret = ApiService.Platform.Secrets.SigningSecrets.Create();

        using var forged = await HookDeliveries.SendGitHubAsync(Anonymous(), url, forgedSecret, body);
        using var tampered = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": 6}",
            signature: ApiService.Hooks.HookSignatures.GitHubSignature(secret, System.Text.Encoding.UTF8.GetBytes(body)));
        using var stale = await HookDeliveries.SendStandardAsync(Anonymous(), url, secret, body, "msg_old", DateTimeOffset.UtcNow.AddMinutes(-10));
        using var unsigned = await Anonymous().PostAsync(new Uri(url).PathAndQuery, new StringContent(body));

        foreach (var response in new[] { forged, tampered, stale, unsigned })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0, await WorkflowCountAsync());
        var hook = await Client.GetFromJsonAsync<JsonElement>(new Uri(url).PathAndQuery.Replace("/hooks/", "/api/hooks/"));
        Assert.Equal(4, hook.GetProperty("recentDeliveries").EnumerateArray().Count(d => d.GetProperty("status").GetInt32() == 401));
    }

    [Fact]
    public async Task Unknown_and_paused_hooks_answer_404_until_resumed()
    {
        var (url, secret) = await SelfTestHookAsync();
        var path = new Uri(url).PathAndQuery;
        var id = path["/hooks/".Length..];

        using var unknown = await HookDeliveries.SendGitHubAsync(Anonymous(), url.Replace(id, "hk_0000000000000000"), secret, "{}");
        using var pause = await Client.PostAsync($"/api/hooks/{id}/pause", null);
        using var paused = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": 1}");
        using var resume = await Client.PostAsync($"/api/hooks/{id}/resume", null);
        using var resumed = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": 2}");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        await ProblemAssert.IsProblemAsync(paused, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var (url, secret) = await SelfTestHookAsync();
        var body = "{\"delay\": 5, \"padding\": \"" + new string('x', 5000) + "\"}";

        using var response = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("../../../etc")]
    [InlineData("/etc")]
    [InlineData(".git")]
    public async Task A_payload_cannot_point_a_path_input_outside_the_workspace(string path)
    {
        var created = await HookDeliveries.CreateAsync(Client, new { templateId = "code-review", mapping = new { path = "/repository/name" } });
        var (url, secret) = (created.GetProperty("hook").GetProperty("url").GetString()!, created.GetProperty("secret").GetString()!);

        using var response = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, HookDeliveries.GitHubPush(path));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("inputs.path", ProblemAssert.ErrorFields(problem));
        Assert.Equal(0, await WorkflowCountAsync());
    }

    [Fact]
    public async Task Mapped_values_are_validated_like_any_template_input()
    {
        var (url, secret) = await SelfTestHookAsync();

        using var notANumber = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": \"soon\"}");
        using var tooBig = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": 999999}");
        using var anObject = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": {\"ms\": 5}}");
        using var missing = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"other\": 5}");
        using var notJson = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "delay=5");

        foreach (var response in new[] { notANumber, tooBig, anObject, missing })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        }

        await ProblemAssert.IsProblemAsync(notJson, HttpStatusCode.BadRequest);
        Assert.Equal(0, await WorkflowCountAsync());
    }

    [Theory]
    [InlineData("{\"templateId\": \"no-such-template\"}", "templateId")]
    [InlineData("{\"templateId\": \"self-test\", \"mapping\": {\"nope\": \"/a\"}}", "mapping.nope")]
    [InlineData("{\"templateId\": \"self-test\", \"mapping\": {\"delay\": \"a/b\"}}", "mapping.delay")]
    [InlineData("{\"templateId\": \"self-test\", \"mapping\": {\"delay\": \"/a~2\"}}", "mapping.delay")]
    [InlineData("{\"templateId\": \"self-test\", \"inputs\": {\"delay\": \"soon\"}}", "inputs.delay")]
    public async Task Bad_hooks_are_refused_at_creation_naming_the_field(string body, string field)
    {
        using var response = await Client.PostAsync("/api/hooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, ProblemAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Another_operator_can_neither_pause_nor_delete_your_hook()
    {
        using var olga = await Identity.Callers.WithRoleAsync(Api, "operator", "olga");
        using var otto = await Identity.Callers.WithRoleAsync(Api, "operator", "otto");
        var id = (await HookDeliveries.CreateAsync(olga, new { templateId = "self-test" })).GetProperty("hook").GetProperty("id").GetString()!;

        using var pause = await otto.PostAsync($"/api/hooks/{id}/pause", null);
        using var delete = await otto.DeleteAsync($"/api/hooks/{id}");
        using var read = await otto.GetAsync($"/api/hooks/{id}");
        using var ownDelete = await olga.DeleteAsync($"/api/hooks/{id}");

        await ProblemAssert.IsProblemAsync(pause, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ownDelete.StatusCode);
    }

    [Fact]
    public async Task Deliveries_are_counted_in_the_metrics()
    {
        var (url, secret) = await SelfTestHookAsync();
        using var accepted = await HookDeliveries.SendGitHubAsync(Anonymous(), url, secret, "{\"delay\": 3}");
        using var refused = await HookDeliveries.SendGitHubAsync(Anonymous(), url, "whsec_wrong", "{\"delay\": 3}");

        var metrics = await Client.GetFromJsonAsync<JsonElement>("/api/metrics");

        Assert.Equal(1, metrics.GetProperty("counters").GetProperty("hooks.received").GetInt64());
        Assert.Equal(1, metrics.GetProperty("counters").GetProperty("hooks.refused").GetInt64());
    }

    private HttpClient Anonymous() => TestIdentity.SignIn(Api.CreateClient(), null);

    /// <summary>A hook that starts self-test with its delay taken from the payload's <c>delay</c>.</summary>
    private async Task<(string Url, string Secret)> SelfTestHookAsync()
    {
        var created = await HookDeliveries.CreateAsync(Client, new { templateId = "self-test", mapping = new { delay = "/delay" } });
        return (created.GetProperty("hook").GetProperty("url").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private async Task<long> WorkflowCountAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/workflows?limit=1")).GetProperty("total").GetInt64();

    private async Task<IReadOnlyList<string>> RedisValuesAsync()
    {
        var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        await using var _ = connection;
        var server = connection.GetServers()[0];
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Api.KeyPrefix + "*"))
        {
            if (await connection.GetDatabase().KeyTypeAsync(key) == StackExchange.Redis.RedisType.String)
            {
                values.Add((await connection.GetDatabase().StringGetAsync(key)).ToString());
            }
        }

        return values;
    }
}
