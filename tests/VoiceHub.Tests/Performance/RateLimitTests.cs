using System.Net;
using System.Net.Http.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

/// <summary>Two API instances on one Redis with the same rate-limit prefix: one budget.</summary>
[Collection(RedisCollection.Name)]
public sealed class RateLimitTests(RedisServerFixture redis) : IAsyncLifetime
{
    private RedisServerFixture Redis => redis;

    private const int Limit = 4;
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private ApiFactory _a = null!;
    private ApiFactory _b = null!;

    public Task InitializeAsync()
    {
        _a = Create();
        _b = Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Limit_is_shared_by_two_instances_and_answers_429_with_retry_after()
    {
        using var a = _a.CreateClient();
        using var b = _b.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            using var ok = await (i % 2 == 0 ? a : b).GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var rejectedByA = await a.GetAsync("/");
        using var rejectedByB = await b.GetAsync("/");

        var problem = await ProblemAssert.IsProblemAsync(rejectedByA, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejectedByB.StatusCode);
        Assert.Contains($"{Limit} requests", problem.GetProperty("detail").GetString());
        var retryAfter = rejectedByA.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Users_forwarded_by_the_web_frontend_have_separate_budgets()
    {
        using var a = _a.CreateClient();
        using var b = _b.CreateClient();

        for (var i = 0; i < Limit; i++)
        {
            using var ok = await SendAsUser(i % 2 == 0 ? a : b, "alice");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var alice = await SendAsUser(a, "alice");
        using var bob = await SendAsUser(b, "bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, alice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task Workflow_creation_has_the_stricter_commands_budget()
    {
        using var a = _a.CreateClient();
        ActAsNewOperator(a);

        using var first = await a.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 1 } });
        using var second = await a.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 1 } });
        using var read = await a.GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_batch_spends_one_workflow_start_permit_per_item()
    {
        await using var api = new ApiFactory(Redis, new Dictionary<string, string?>
        {
            ["VoiceHub:RateLimiting:Enabled"] = "true",
            ["VoiceHub:RateLimiting:CommandsPermitLimit"] = "3",
            ["VoiceHub:Workflows:RunWorkers"] = "false",
        });
        using var client = api.CreateClient();
        ActAsNewOperator(client);
        var item = new { templateId = "self-test", inputs = new { delay = 1 } };

        using var batch = await client.PostAsJsonAsync("/api/workflows/batch", new { items = new[] { item, item } });
        using var third = await client.PostAsJsonAsync("/api/workflows", item);
        using var fourth = await client.PostAsJsonAsync("/api/workflows", item);
        using var tooBig = await client.PostAsJsonAsync("/api/workflows/batch", new { items = new[] { item, item } });

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooBig.StatusCode);
    }

    [Fact]
    public async Task Commands_have_the_stricter_budget()
    {
        using var a = _a.CreateClient();
        ActAsNewOperator(a);

        using var first = await a.PostAsJsonAsync("/api/commands", new { text = "list the templates" });
        using var second = await a.PostAsJsonAsync("/api/commands", new { text = "list the templates" });

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Health_probes_are_never_limited()
    {
        using var a = _a.CreateClient();
        for (var i = 0; i < Limit * 2; i++)
        {
            using var response = await a.GetAsync("/alive");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Requests_pass_while_redis_does_not_answer()
    {
        await using var cut = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = $"127.0.0.1:{RedisServerFixture.FreePort()},connectTimeout=200,syncTimeout=500,asyncTimeout=500",
            [ApiFactory.KeyPrefixSetting] = _prefix,
            ["VoiceHub:Workflows:RunWorkers"] = "false",
            ["VoiceHub:RateLimiting:Enabled"] = "true",
            ["VoiceHub:RateLimiting:PermitLimit"] = "1",
        });
        using var client = cut.CreateClient();

        using var first = await client.GetAsync("/").WaitAsync(TimeSpan.FromSeconds(30));
        using var second = await client.GetAsync("/").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private ApiFactory Create() => new(redis, new Dictionary<string, string?>
    {
        [ApiFactory.KeyPrefixSetting] = _prefix,
        ["VoiceHub:RateLimiting:Enabled"] = "true",
        ["VoiceHub:RateLimiting:PermitLimit"] = Limit.ToString(),
        ["VoiceHub:RateLimiting:CommandsPermitLimit"] = "1",
        ["VoiceHub:RateLimiting:Window"] = "00:01:00",
    });

    [Fact]
    public async Task On_behalf_of_headers_from_a_caller_that_is_not_the_frontend_do_not_open_a_new_budget()
    {
        using var a = _a.CreateClient();
        for (var i = 0; i < Limit; i++)
        {
            using var ok = await a.SendAsync(OnBehalfOf(new HttpRequestMessage(HttpMethod.Get, "/"), "user-" + i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var rejected = await a.SendAsync(OnBehalfOf(new HttpRequestMessage(HttpMethod.Get, "/"), "someone-else"));

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsUser(HttpClient client, string user)
    {
        TestIdentity.SignIn(client, TestIdentity.FrontendKey);
        return client.SendAsync(OnBehalfOf(new HttpRequestMessage(HttpMethod.Get, "/"), user));
    }

    private static HttpRequestMessage OnBehalfOf(HttpRequestMessage request, string user)
    {
        request.Headers.Add(TestIdentity.OnBehalfOfHeader, user);
        request.Headers.Add(TestIdentity.OnBehalfOfRoleHeader, "operator");
        return request;
    }

    /// <summary>The frontend acting for a user of its own, so the test's budget is its own.</summary>
    private static void ActAsNewOperator(HttpClient client)
    {
        TestIdentity.SignIn(client, TestIdentity.FrontendKey);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfHeader, "user-" + Guid.NewGuid().ToString("N"));
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfRoleHeader, "operator");
    }
}
