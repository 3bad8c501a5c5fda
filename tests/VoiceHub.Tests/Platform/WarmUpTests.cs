using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.ApiService.Platform.WarmUp;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Performance;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Platform;

/// <summary>
/// The start-up warm-up: on a real socket the API calls its own read routes, signed in with the
/// bootstrap key, and only then reports ready; turned off, it is ready at once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WarmUpTests(RedisServerFixture redis)
{
    [Fact]
    public async Task The_api_calls_its_read_routes_signed_in_before_it_reports_ready()
    {
        // A budget far below the warm-up's 280 calls: only its first round may spend from it.
        await using var api = new KestrelApi(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:WarmUp:Enabled"] = "true",
            ["VoiceHub:RateLimiting:Enabled"] = "true",
            ["VoiceHub:RateLimiting:PermitLimit"] = "12",
        }, tls: false);
        using var client = api.CreateClient();

        var warmup = await Eventually.UntilAsync(
            ct => WarmUpEntryAsync(client, ct), entry => entry.Status == "Healthy", "the warm-up check to turn healthy", Patience.Background);

        var rounds = new WarmUpOptions().Rounds;
        Assert.StartsWith($"warmed up: {rounds * WarmUpService.CallsPerRound} calls", warmup.Description);
        Assert.Contains("for the JIT to go quiet", warmup.Description);
        var metrics = await client.GetFromJsonAsync<JsonElement>("/api/metrics");
        var counters = metrics.GetProperty("counters");
        // Every warm-up call was answered 200, signed in as the bootstrap admin: no 401, 403, 404, and no
        // 5xx that would count against error_rate (and so degrade /health for its whole window).
        Assert.Equal(rounds * WarmUpService.Routes.Length, counters.GetProperty("requests.get").GetInt64());
        Assert.Equal(rounds * WarmUpService.Posts.Length, counters.GetProperty("requests.post").GetInt64());
        Assert.Equal(rounds * WarmUpService.CallsPerRound, counters.GetProperty("responses.200").GetInt64());
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("error_rate").GetProperty("status").GetString());
        // The admin's budget is not spent by the warm-up's later rounds: the first real call is served.
        using var first = await client.GetAsync("/api/templates");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task A_forged_warm_up_header_spends_the_budget_like_any_call()
    {
        await using var api = new KestrelApi(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:RateLimiting:Enabled"] = "true",
            ["VoiceHub:RateLimiting:PermitLimit"] = "3",
        }, tls: false);
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(WarmUpState.Header, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/api/templates");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Turned_off_the_api_is_ready_at_once_and_says_why()
    {
        await using var api = new KestrelApi(redis, new Dictionary<string, string?>(), tls: false);
        using var client = api.CreateClient();

        var warmup = await WarmUpEntryAsync(client, CancellationToken.None);

        Assert.Equal("Healthy", warmup.Status);
        Assert.Contains("turned off", warmup.Description);
    }

    private static async Task<(string Status, string Description)> WarmUpEntryAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/health", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var entry = body.GetProperty("checks").GetProperty(WarmUpHealthCheck.Name);
        return (entry.GetProperty("status").GetString()!, entry.GetProperty("description").GetString() ?? "");
    }
}
