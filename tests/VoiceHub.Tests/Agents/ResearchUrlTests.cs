using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Agents;

/// <summary>The research agent reading pages from allow-listed URLs beside the workspace's documents.</summary>
[Collection(RedisCollection.Name)]
public sealed class ResearchUrlTests(RedisServerFixture redis) : IAsyncLifetime
{
    private FakeModelServer _server = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        _api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = _server.BaseAddress.Authority,
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Page_from_an_allowed_host_is_ranked_and_quoted_as_text()
    {
        var client = _api.CreateClient();
        var url = new Uri(_server.BaseAddress, "doc").ToString();

        var id = (await client.StartAsync("research-docs", new { topic = "zebra migration", urls = url })).Id();
        var done = await client.WaitForStatusAsync(id, "Completed", "Failed");
        var report = await client.GetStringAsync($"/api/workflows/{id}/artifacts/report.md");

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var best = done.Step("search").GetProperty("output").GetProperty("passages")[0];
        Assert.Equal(url, best.GetProperty("file").GetString());
        Assert.Contains("Serengeti & Masai Mara", best.GetProperty("text").GetString());
        Assert.DoesNotContain("var zebra", best.GetProperty("text").GetString());
        Assert.Contains(url, report);
    }

    [Fact]
    public async Task Url_on_a_host_that_is_not_allowed_fails_the_step_at_once_naming_the_setting()
    {
        var client = _api.CreateClient();

        var id = (await client.StartAsync("research-docs", new { topic = "zebra", urls = "http://example.invalid/page" })).Id();
        var done = await client.WaitForStatusAsync(id, "Completed", "Failed");

        Assert.Equal("Failed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.Step("search").GetProperty("attempts").GetInt32());
        Assert.Contains("VoiceHub:Agents:Http:AllowedHosts", done.Step("search").GetProperty("error").GetString());
    }
}
