using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

// The handler from ConfigureHttpClientDefaults is one pipeline shared by every client; a client
// gets a breaker of its own by replacing it (RemoveAllResilienceHandlers is still experimental).
#pragma warning disable EXTEXP0001

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class CircuitBreakerTests(RedisServerFixture redis)
{
    private const string Client = "flaky";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Breaker_opens_after_the_threshold_shows_in_health_and_metrics_and_recovers()
    {
        var dependency = new FlakyDependency();
        await using var factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
        }, services => services.AddHttpClient(Client)
            .ConfigurePrimaryHttpMessageHandler(() => dependency)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(1);
                options.Retry.UseJitter = false;
                options.CircuitBreaker.MinimumThroughput = 2;
                options.CircuitBreaker.FailureRatio = 0.5;
                options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(1);
            }));
        using var api = factory.CreateClient();
        var outbound = factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Client);

        await CallUntilAsync(outbound, exception => exception is BrokenCircuitException);
        var open = await HealthAsync(api);
        var gauges = (await api.GetFromJsonAsync<JsonElement>("/api/metrics")).GetProperty("gauges");

        Assert.Equal("open", open.GetProperty(Client).GetString());
        Assert.Equal("degraded", open.GetProperty("status").GetString());
        Assert.Equal(2, gauges.GetProperty($"circuit_breaker.{Client}").GetDouble());

        dependency.Healthy = true;
        await CallUntilAsync(outbound, exception => exception is null);
        var closed = await HealthAsync(api);

        Assert.Equal("closed", closed.GetProperty(Client).GetString());
        Assert.Equal("healthy", closed.GetProperty("status").GetString());
    }

    /// <summary>Calls the dependency until the outcome matches (null: success), time-boxed.</summary>
    private static async Task CallUntilAsync(HttpClient client, Func<Exception?, bool> outcome)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            Exception? failure = null;
            try
            {
                using var response = await client.GetAsync("http://dependency.invalid/", cts.Token);
                response.EnsureSuccessStatusCode();
            }
            catch (Exception ex) when (!cts.IsCancellationRequested)
            {
                failure = ex;
            }

            if (outcome(failure))
            {
                return;
            }

            await Task.Delay(100, cts.Token);
        }
    }

    private static async Task<JsonElement> HealthAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/api/health/detailed");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("circuit_breakers");
    }

    /// <summary>A dependency that answers 500 until told it is healthy.</summary>
    private sealed class FlakyDependency : HttpMessageHandler
    {
        public volatile bool Healthy;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(Healthy ? HttpStatusCode.OK : HttpStatusCode.InternalServerError));
    }
}
