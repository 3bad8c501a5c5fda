using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.Tests.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Security;

/// <summary>
/// The http and research agents cannot be turned against the hub's own network: nothing is reachable
/// unless listed as host:port, names that resolve to private or loopback addresses are refused where
/// the connection is made (so DNS rebinding gains nothing), and redirects are never followed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SsrfTests(RedisServerFixture redis) : IAsyncLifetime
{
    private LoopbackTarget _target = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _target = await LoopbackTarget.StartAsync();
        _api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            // Listed names, but a hostile DNS answer for them: loopback and a private network address.
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = $"rebind.test:{_target.Port}",
            ["VoiceHub:Agents:Http:AllowedHosts:1"] = "intranet.test",
            ["VoiceHub:Agents:Http:AllowedHosts:2"] = $"mapped.test:{_target.Port}",
        }, services => services.Replace(ServiceDescriptor.Singleton<IHostAddressResolver>(new FakeResolver(new Dictionary<string, IPAddress[]>
        {
            ["rebind.test"] = [IPAddress.Loopback],
            ["intranet.test"] = [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("192.168.0.10")],
            ["mapped.test"] = [IPAddress.Parse("::ffff:127.0.0.1"), IPAddress.IPv6Loopback],
        }))));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _target.DisposeAsync();
    }

    /// <summary>Targets an attacker aims at; {port} is the loopback service, {redis} the hub's Redis. One line per trick.</summary>
    public static TheoryData<string> Targets => new()
    {
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://2130706433:{port}/",
        "http://0x7f.0.0.1:{port}/",
        "http://127.1:{port}/",
        "http://0.0.0.0:{port}/",
        "http://{redis}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://rebind.test:{port}/",
        "http://mapped.test:{port}/",
        "http://intranet.test/",
        "http://user@127.0.0.1:{port}/",
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task The_http_agent_refuses_the_target_and_never_connects(string target)
    {
        var url = Expand(target);

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => _api.Agent("http").RunAsync("request", new { url }));

        Assert.Contains(HttpAgentOptions.SectionName + ":AllowedHosts", error.Message);
        Assert.Equal(0, _target.Requests);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task The_research_agent_refuses_the_target_and_never_connects(string target)
    {
        var urls = Expand(target);

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => _api.Agent("research").RunAsync("search", new { topic = "secret", urls, path = "docs" }));

        Assert.Contains(HttpAgentOptions.SectionName + ":AllowedHosts", error.Message);
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task A_listed_name_resolving_to_loopback_is_refused_when_connecting_naming_the_address()
    {
        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() =>
            _api.Agent("http").RunAsync("request", new { url = $"http://rebind.test:{_target.Port}/" }));

        Assert.Contains("'rebind.test' resolves to 127.0.0.1", error.Message);
        Assert.Contains("non-public", error.Message);
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task Redirects_are_reported_not_followed()
    {
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = $"127.0.0.1:{_target.Port}",
        });
        var inside = $"http://{redis.ConnectionString}/";
        var url = $"http://127.0.0.1:{_target.Port}/redirect?to={Uri.EscapeDataString(inside)}";

        var result = await api.Agent("http").RunAsync("request", new { url });
        var research = await Assert.ThrowsAsync<HttpRequestException>(() => api.Agent("research").RunAsync("search", new { topic = "secret", urls = url, path = "docs" }));

        Assert.Equal(302, result.Out()["status"]!.GetValue<int>());
        Assert.Equal(inside, result.Out()["headers"]!["location"]!.GetValue<string>());
        Assert.Contains("302", research.Message);
        Assert.Equal(2, _target.Requests);
    }

    [Fact]
    public async Task An_exactly_listed_loopback_address_is_reachable()
    {
        await using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Agents:Http:AllowedHosts:0"] = $"127.0.0.1:{_target.Port}",
        });

        var result = await api.Agent("http").RunAsync("request", new { url = $"http://127.0.0.1:{_target.Port}/" });

        Assert.Equal(LoopbackTarget.Secret, result.Out()["body"]!.GetValue<string>());
    }

    private string Expand(string target) => target.Replace("{port}", _target.Port.ToString()).Replace("{redis}", redis.ConnectionString);
}
