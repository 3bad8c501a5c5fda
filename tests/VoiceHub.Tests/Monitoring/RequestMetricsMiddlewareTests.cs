using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.Tests.Monitoring;

public sealed class RequestMetricsMiddlewareTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly HubMetrics _metrics;
    private readonly RecentRequests _recent;

    public RequestMetricsMiddlewareTests()
    {
        _metrics = new HubMetrics(_services.GetRequiredService<IMeterFactory>(), _time);
        _recent = new RecentRequests(_time, Options.Create(new HealthOptions()));
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_request_is_counted_with_its_status_and_duration()
    {
        await Run(context =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        }, "POST", "/api/things");

        var snapshot = _metrics.Snapshot();
        Assert.Equal(1, snapshot.Counters["requests.post"]);
        Assert.Equal(1, snapshot.Counters["responses.201"]);
        Assert.Equal(0.25, snapshot.Timers["request_duration"].Max, 9);
        Assert.Equal((1, 0), _recent.Totals());
    }

    [Fact]
    public async Task An_exception_no_handler_caught_counts_as_a_500_and_still_propagates()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(_ => throw new InvalidOperationException("boom")));

        Assert.Equal(1, _metrics.Snapshot().Counters["responses.500"]);
        Assert.Equal((1, 1), _recent.Totals());
    }

    [Fact]
    public async Task A_request_the_client_abandoned_is_not_a_server_error()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            Run(_ => throw new OperationCanceledException(), requestAborted: aborted.Token));

        Assert.Equal(1, _metrics.Snapshot().Counters["responses.499"]);
        Assert.Equal((1, 0), _recent.Totals());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_probes_are_not_counted(string path)
    {
        await Run(_ => Task.CompletedTask, path: path);

        Assert.DoesNotContain(_metrics.Snapshot().Counters, c => c.Value != 0);
        Assert.Equal((0, 0), _recent.Totals());
    }

    private Task Run(RequestDelegate next, string method = "GET", string path = "/", CancellationToken requestAborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = requestAborted };
        context.Request.Method = method;
        context.Request.Path = path;
        return new RequestMetricsMiddleware(next, _metrics, _recent, _time).InvokeAsync(context);
    }
}
