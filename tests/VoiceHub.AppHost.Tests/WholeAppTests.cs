using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.AppHost.Tests;

[Collection(WholeAppCollection.Name)]
public sealed class WholeAppTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task All_three_resources_are_healthy()
    {
        foreach (var name in new[] { "cache", "apiservice", "webfrontend" })
        {
            Assert.True(
                fixture.App.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent),
                $"no state for {name}");
            Assert.Equal(KnownResourceStates.Running, resourceEvent!.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task Api_answers_health_with_redis_checked()
    {
        using var client = fixture.CreateHttpClient("apiservice");

        var response = await client.GetAsync("/health").WaitAsync(Patience.Request);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.GetProperty("status").GetString() == "Healthy", report.ToString());
        Assert.True(report.GetProperty("checks").TryGetProperty("StackExchange.Redis", out _));
    }

    [Fact]
    public async Task Web_home_page_renders_the_api_status()
    {
        using var client = await fixture.WebClientAsync(signedIn: true);

        var html = await client.GetStringAsync("/").WaitAsync(Patience.Request);

        Assert.Contains("<h1>VoiceHub</h1>", html);
        Assert.Contains("data-testid=\"api-status\">Healthy<", html);
    }
}
