using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.Tests.Monitoring;

public sealed class ErrorRateHealthCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HealthOptions _options = new();
    private readonly RecentRequests _recent;
    private readonly ErrorRateHealthCheck _check;

    public ErrorRateHealthCheckTests()
    {
        _recent = new RecentRequests(_time, Options.Create(_options));
        _check = new ErrorRateHealthCheck(_recent, new FixedOptions(_options));
    }

    [Fact]
    public async Task No_traffic_is_healthy_with_rate_zero()
    {
        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0.0, result.Data["value"]);
        Assert.Equal(0.1, result.Data["threshold"]);
    }

    [Fact]
    public async Task Error_rate_at_the_threshold_is_still_healthy()
    {
        Record(ok: 90, serverErrors: 10);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0.1, result.Data["value"]);
    }

    [Fact]
    public async Task Error_rate_past_the_threshold_is_degraded()
    {
        Record(ok: 89, serverErrors: 11);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(0.11, result.Data["value"]);
    }

    [Fact]
    public async Task Client_errors_do_not_count_as_failures()
    {
        for (var i = 0; i < 50; i++)
        {
            _recent.Record(404);
        }

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
        Assert.Equal((50, 0), _recent.Totals());
    }

    [Fact]
    public async Task Errors_leave_the_window_once_it_has_passed()
    {
        Record(ok: 0, serverErrors: 10);
        _time.Advance(TimeSpan.FromMinutes(4));
        Record(ok: 10, serverErrors: 0);
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync()).Status);

        _time.Advance(TimeSpan.FromMinutes(1.5));

        var result = await CheckAsync();
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal((10, 0), _recent.Totals());
    }

    [Fact]
    public async Task Threshold_and_window_come_from_options()
    {
        _options.ErrorRateThreshold = 0.5;
        _options.ErrorRateWindow = TimeSpan.FromMinutes(1);
        var recent = new RecentRequests(_time, Options.Create(_options));
        var check = new ErrorRateHealthCheck(recent, new FixedOptions(_options));
        recent.Record(500);
        recent.Record(200);
        recent.Record(200);

        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0.5, result.Data["threshold"]);

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((0, 0), recent.Totals());
    }

    [Fact]
    public async Task Request_volume_reports_requests_in_the_window()
    {
        Record(ok: 7, serverErrors: 2);

        var result = await new RequestVolumeHealthCheck(_recent).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(9L, result.Data["value"]);
    }

    private void Record(int ok, int serverErrors)
    {
        for (var i = 0; i < ok; i++)
        {
            _recent.Record(200);
        }

        for (var i = 0; i < serverErrors; i++)
        {
            _recent.Record(500);
        }
    }

    private Task<HealthCheckResult> CheckAsync() => _check.CheckHealthAsync(new HealthCheckContext());

    private sealed class FixedOptions(HealthOptions value) : IOptionsMonitor<HealthOptions>
    {
        public HealthOptions CurrentValue => value;

        public HealthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<HealthOptions, string?> listener) => null;
    }
}
