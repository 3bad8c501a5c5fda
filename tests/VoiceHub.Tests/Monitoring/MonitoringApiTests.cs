using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Monitoring;

/// <summary>
/// <c>/api/metrics</c> and <c>/api/health/detailed</c> in-process. Each factory is its own process
/// as far as metrics go, so counts are exact even though the Redis is shared.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class MonitoringApiTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly List<ApiFactory> _factories = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_count_known_traffic_exactly_and_leave_out_probes()
    {
        var client = Client();
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(client, HttpMethod.Get, "/")).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(client, HttpMethod.Post, "/")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, "/api/no-such-thing")).StatusCode);
        await SendAsync(client, HttpMethod.Get, "/health");
        await SendAsync(client, HttpMethod.Get, "/alive");

        var metrics = await GetJsonAsync(client, "/api/metrics");

        var counters = metrics.GetProperty("counters");
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["requests.get"] = 4,
                ["requests.post"] = 2,
                ["responses.200"] = 3,
                ["responses.404"] = 1,
                ["responses.405"] = 2,
            },
            counters.EnumerateObject().Where(c => c.Value.GetInt64() != 0).ToDictionary(c => c.Name, c => c.Value.GetInt64()));
        Assert.Equal(6, metrics.GetProperty("timers").GetProperty("request_duration").GetProperty("count").GetInt64());

        // The metrics request itself is counted once it has been answered.
        var again = await GetJsonAsync(client, "/api/metrics");
        Assert.Equal(5, again.GetProperty("counters").GetProperty("requests.get").GetInt64());
        Assert.Equal(4, again.GetProperty("counters").GetProperty("responses.200").GetInt64());
    }

    [Fact]
    public async Task Metrics_have_the_guides_shape_with_instance_and_uptime()
    {
        var client = Client();
        await SendAsync(client, HttpMethod.Get, "/");

        var response = await SendAsync(client, HttpMethod.Get, "/api/metrics");
        var metrics = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["counters", "gauges", "timers", "instance", "uptime_seconds"], Names(metrics));
        var gauges = metrics.GetProperty("gauges");
        Assert.Equal(0, gauges.GetProperty("active_workflows").GetDouble());
        Assert.Equal(0, gauges.GetProperty("queue_backlog").GetDouble());
        Assert.True(gauges.GetProperty("memory_usage_mb").GetDouble() > 0);
        var duration = metrics.GetProperty("timers").GetProperty("request_duration");
        Assert.Equal(["count", "min", "max", "avg", "p50", "p95", "p99"], Names(duration));
        Assert.Equal(1, duration.GetProperty("count").GetInt64());
        Assert.True(duration.GetProperty("min").GetDouble() <= duration.GetProperty("p50").GetDouble());
        Assert.True(duration.GetProperty("p99").GetDouble() <= duration.GetProperty("max").GetDouble());
        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", metrics.GetProperty("instance").GetString());
        Assert.True(metrics.GetProperty("uptime_seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Detailed_health_lists_error_rate_request_volume_and_redis()
    {
        var client = Client();
        await SendAsync(client, HttpMethod.Get, "/");

        var response = await SendAsync(client, HttpMethod.Get, "/api/health/detailed");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        var errorRate = checks.GetProperty("error_rate");
        Assert.Equal(["status", "value", "threshold"], Names(errorRate));
        Assert.Equal("healthy", errorRate.GetProperty("status").GetString());
        Assert.Equal(0, errorRate.GetProperty("value").GetDouble());
        Assert.Equal(0.1, errorRate.GetProperty("threshold").GetDouble());
        Assert.Equal(["status", "value"], Names(checks.GetProperty("request_volume")));
        Assert.Equal(1, checks.GetProperty("request_volume").GetProperty("value").GetInt64());
        var redisCheck = checks.GetProperty("redis");
        Assert.Equal("healthy", redisCheck.GetProperty("status").GetString());
        Assert.True(redisCheck.GetProperty("latency_ms").GetDouble() >= 0);
        // Every registered check appears, including the ones other code registers.
        Assert.Equal("healthy", checks.GetProperty("self").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Error_rate_past_the_threshold_makes_detailed_health_and_health_degraded()
    {
        var factory = Factory(new Dictionary<string, string?> { ["VoiceHub:Health:ErrorRateThreshold"] = "0.25" });
        var client = Client(factory);
        await SendAsync(client, HttpMethod.Get, "/");
        await SendAsync(client, HttpMethod.Get, "/");
        // What the middleware records for requests that failed with 500 (no production route throws).
        var recent = factory.Services.GetRequiredService<RecentRequests>();
        recent.Record(500);
        recent.Record(500);

        var response = await SendAsync(client, HttpMethod.Get, "/api/health/detailed");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var errorRate = health.GetProperty("checks").GetProperty("error_rate");
        Assert.Equal("degraded", errorRate.GetProperty("status").GetString());
        Assert.Equal(0.5, errorRate.GetProperty("value").GetDouble());
        Assert.Equal(0.25, errorRate.GetProperty("threshold").GetDouble());
        Assert.Contains("5xx", errorRate.GetProperty("description").GetString());

        // 2 errors in 5 requests now (the detailed request counted): still past 0.25.
        var probe = await GetJsonAsync(client, "/health");
        Assert.Equal("Degraded", probe.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Redis_down_makes_detailed_health_unhealthy_with_503()
    {
        // Nothing listens on a port just freed; short timeouts keep the test quick.
        var factory = Factory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = $"127.0.0.1:{RedisServerFixture.FreePort()},connectTimeout=500,asyncTimeout=500,syncTimeout=500,abortConnect=false",
        });

        var response = await SendAsync(Client(factory), HttpMethod.Get, "/api/health/detailed");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        var redisCheck = health.GetProperty("checks").GetProperty("redis");
        Assert.Equal("unhealthy", redisCheck.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(redisCheck.GetProperty("description").GetString()));
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("error_rate").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Monitoring_routes_are_in_the_OpenAPI_document()
    {
        var document = await GetJsonAsync(Client(), "/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.Equal("GetMetrics", paths.GetProperty("/api/metrics").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("GetDetailedHealth", paths.GetProperty("/api/health/detailed").GetProperty("get").GetProperty("operationId").GetString());
    }

    private ApiFactory Factory(IDictionary<string, string?>? settings = null)
    {
        var factory = new ApiFactory(redis, settings);
        _factories.Add(factory);
        return factory;
    }

    private HttpClient Client(ApiFactory? factory = null)
    {
        var client = (factory ?? Factory()).CreateClient();
        client.Timeout = RequestTimeout;
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path) =>
        client.SendAsync(new HttpRequestMessage(method, path)).WaitAsync(RequestTimeout);

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await (await SendAsync(client, HttpMethod.Get, path)).Content.ReadFromJsonAsync<JsonElement>();

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
