using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using VoiceHub.ApiService.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Agents;

[Collection(RedisCollection.Name)]
public sealed class HttpAgentTests(RedisServerFixture redis) : IAsyncLifetime
{
    private FakeModelServer _server = null!;
    private ApiFactory _factory = null!;
    private readonly int _closedPort = ClosedPort();

    public async Task InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        _factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Agents:Http:MaxBodyBytes"] = "1000",
            // Loopback is reachable only when its address and port are listed.
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = _server.BaseAddress.Authority,
            ["VoiceHub:Agents:Http:AllowedHosts:1"] = $"127.0.0.1:{_closedPort}",
            ["VoiceHub:Agents:Http:Resilience:Retry:Delay"] = "00:00:00.010",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IAgent Http => _factory.Agent("http");

    [Fact]
    public async Task Allow_listed_url_reports_status_latency_headers_and_body()
    {
        var result = await Http.RunAsync("request", new { url = new Uri(_server.BaseAddress, "text/12").ToString() });

        var output = result.Output!;
        Assert.Equal(200, output["status"]!.GetValue<int>());
        Assert.Equal("OK", output["reason"]!.GetValue<string>());
        Assert.Equal("GET", output["method"]!.GetValue<string>());
        Assert.True(output["latencyMs"]!.GetValue<double>() >= 0);
        Assert.Equal("text/plain; charset=utf-8", output["contentType"]!.GetValue<string>());
        Assert.Equal("text/plain; charset=utf-8", output["headers"]!["content-type"]!.GetValue<string>());
        Assert.Equal(new string('a', 12), output["body"]!.GetValue<string>());
        Assert.False(output["truncated"]!.GetValue<bool>());
        Assert.Contains("answered 200", result.Summary);
    }

    [Fact]
    public async Task Long_body_is_cut_to_the_limit_and_flagged()
    {
        var result = await Http.RunAsync("request", new { url = new Uri(_server.BaseAddress, "text/5000").ToString() });

        Assert.Equal(1000, result.Output!["body"]!.GetValue<string>().Length);
        Assert.Equal(1000, result.Output["bodyBytes"]!.GetValue<int>());
        Assert.True(result.Output["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_character_cut_at_the_limit_is_dropped_not_mangled()
    {
        // "é" is two bytes in UTF-8, so 1000 bytes end on a whole character and 999 would not; the limit is 1000.
        var result = await Http.RunAsync("request", new { url = new Uri(_server.BaseAddress, "utf8").ToString() });

        var body = result.Output!["body"]!.GetValue<string>();
        Assert.Equal(500, body.Length);
        Assert.All(body, c => Assert.Equal('é', c));
        Assert.True(result.Output["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_error_status_is_reported_by_a_successful_step()
    {
        var result = await Http.RunAsync("request", new { url = new Uri(_server.BaseAddress, "status/404").ToString() });

        Assert.Equal(404, result.Output!["status"]!.GetValue<int>());
        Assert.False(result.Output["success"]!.GetValue<bool>());
        Assert.Equal("status 404", result.Output["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_sends_body_and_headers()
    {
        var result = await Http.RunAsync("request", new
        {
            url = new Uri(_server.BaseAddress, "echo").ToString(),
            method = "post",
            headers = new Dictionary<string, string> { ["X-Test"] = "yes", ["Content-Type"] = "application/json" },
            body = "{\"a\":1}",
        });

        var echo = JsonDocument.Parse(result.Output!["body"]!.GetValue<string>()).RootElement;
        Assert.Equal("POST", echo.GetProperty("method").GetString());
        Assert.Equal("yes", echo.GetProperty("header").GetString());
        Assert.Equal("{\"a\":1}", echo.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("http://example.com/", "example.com")]
    [InlineData("http://10.0.0.1:8080/health", "10.0.0.1")]
    public async Task Host_off_the_allow_list_is_refused_naming_host_and_setting(string url, string host)
    {
        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => Http.RunAsync("request", new { url }));

        Assert.Contains($"'{host}'", error.Message);
        Assert.Contains("VoiceHub:Agents:Http:AllowedHosts", error.Message);
    }

    [Theory]
    [InlineData("not a url", "GET", "absolute http(s) URL")]
    [InlineData("server", "PATCH", "method must be one of")]
    public async Task Bad_inputs_are_not_retried(string url, string method, string message)
    {
        url = url == "server" ? _server.BaseAddress.ToString() : url;
        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => Http.RunAsync("request", new { url, method }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Connection_failure_is_a_retryable_error()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Http.RunAsync("request", new { url = $"http://127.0.0.1:{_closedPort}/" }));

        Assert.IsNotType<NonRetryableAgentException>(error);
        Assert.IsType<HttpRequestException>(error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
