using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.AppHost.Tests;

/// <summary><c>/api/metrics</c> and <c>/api/health/detailed</c> of the API as the AppHost runs it.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class MonitoringWholeAppTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Api_metrics_have_the_guides_shape_and_count_requests()
    {
        using var client = fixture.CreateHttpClient("apiservice");
        (await client.GetAsync("/").WaitAsync(Patience.Request)).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/api/metrics").WaitAsync(Patience.Request);
        var metrics = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["counters", "gauges", "timers", "instance", "uptime_seconds"], metrics.EnumerateObject().Select(p => p.Name));
        Assert.True(metrics.GetProperty("counters").GetProperty("requests.get").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("counters").GetProperty("responses.200").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("gauges").GetProperty("memory_usage_mb").GetDouble() > 0);
        Assert.Equal(0, metrics.GetProperty("gauges").GetProperty("active_workflows").GetDouble());
        var duration = metrics.GetProperty("timers").GetProperty("request_duration");
        Assert.Equal(["count", "min", "max", "avg", "p50", "p95", "p99"], duration.EnumerateObject().Select(p => p.Name));
        Assert.True(duration.GetProperty("count").GetInt64() >= 1);
        Assert.Contains(":", metrics.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Api_detailed_health_is_healthy_with_error_rate_volume_and_redis()
    {
        using var client = fixture.CreateHttpClient("apiservice");

        var response = await client.GetAsync("/api/health/detailed").WaitAsync(Patience.Request);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("error_rate").GetProperty("status").GetString());
        Assert.Equal(0.1, checks.GetProperty("error_rate").GetProperty("threshold").GetDouble());
        Assert.Equal("healthy", checks.GetProperty("request_volume").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.True(checks.GetProperty("redis").GetProperty("latency_ms").GetDouble() >= 0);
    }
}
