using System.Net;
using System.Net.Http.Headers;
using StackExchange.Redis;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class CachingTests(RedisServerFixture redis) : ApiTest(redis)
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    protected override Dictionary<string, string?> Settings() => new() { [ApiFactory.KeyPrefixSetting] = _prefix };

    [Theory]
    [InlineData("/api/templates")]
    [InlineData("/api/templates/self-test")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/intents")]
    public async Task Static_data_has_an_etag_and_a_matching_if_none_match_gets_304(string path)
    {
        using var first = await Client.GetAsync(path);
        var etag = first.Headers.ETag;

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag!);
        using var revalidated = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.NotNull(first.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, revalidated.Headers.ETag);
    }

    [Fact]
    public async Task A_stale_etag_gets_the_full_answer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/templates");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-this-one\"", isWeak: true));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("self-test", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Templates_are_output_cached_in_redis()
    {
        using var first = await Client.GetAsync("/api/templates?category=system");
        using var second = await Client.GetAsync("/api/templates?category=system");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.NotEmpty(await KeysAsync($"{_prefix}cache:output:*"));
    }

    [Fact]
    public async Task Metrics_are_never_cached()
    {
        using var first = await Client.GetAsync("/api/metrics");
        using var second = await Client.GetAsync("/api/metrics");

        Assert.Null(second.Headers.Age);
        Assert.Null(second.Headers.ETag);
        Assert.True(second.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Finished_workflow_is_cached_and_forgotten_when_deleted()
    {
        var workflow = await Client.StartAsync("self-test", new { delay = 1 });
        await Client.WaitForStatusAsync(workflow.Id(), "Completed", "Failed");
        var cached = await Client.GetWorkflowAsync(workflow.Id());

        Assert.Equal(workflow.Id(), cached.Id());
        Assert.NotEmpty(await KeysAsync($"{_prefix}cache:hybrid:*workflow:{workflow.Id()}*"));

        using var deleted = await Client.DeleteAsync($"/api/workflows/{workflow.Id()}");
        using var gone = await Client.GetAsync($"/api/workflows/{workflow.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Retried_workflow_is_read_fresh_not_from_the_cache()
    {
        await using var apiOnly = new ApiFactory(Redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Workflows:RunWorkers"] = "false",
        });
        using var client = apiOnly.CreateClient();
        var workflow = await client.StartAsync("self-test", new { delay = 1 });
        using var canceled = await client.PostAsync($"/api/workflows/{workflow.Id()}/cancel", null);
        var finished = await client.GetWorkflowAsync(workflow.Id());

        using var retried = await client.PostAsync($"/api/workflows/{workflow.Id()}/retry", null);
        var after = await client.GetWorkflowAsync(workflow.Id());

        Assert.Equal("Canceled", finished.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("Pending", after.GetProperty("status").GetString());
    }

    private async Task<List<RedisKey>> KeysAsync(string pattern)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in Redis.Connection.GetServers()[0].KeysAsync(pattern: pattern))
        {
            keys.Add(key);
        }

        return keys;
    }
}
