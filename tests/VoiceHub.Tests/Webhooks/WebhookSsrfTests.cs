using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Security;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;
using VoiceHub.TestSupport.Webhooks;

namespace VoiceHub.Tests.Webhooks;

/// <summary>
/// Subscriptions cannot turn the hub against its own network: private, loopback, link-local and metadata
/// addresses are refused unless listed, when subscribing and again at every connection (so DNS
/// rebinding gains nothing), and redirects are never followed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WebhookSsrfTests(RedisServerFixture redis) : ApiTest(redis)
{
    private LoopbackTarget _target = null!;
    private WebhookReceiver _redirector = null!;
    private readonly RebindingResolver _resolver = new();

    protected override async Task StartingAsync()
    {
        _target = await LoopbackTarget.StartAsync();
        _redirector = await WebhookReceiver.StartAsync(_ => Results.Redirect($"http://127.0.0.1:{_target.Port}/", permanent: false, preserveMethod: true));
    }

    protected override async Task StoppedAsync()
    {
        await _redirector.DisposeAsync();
        await _target.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings() => new()
    {
        // Only the redirecting receiver is listed; the loopback target behind it is not.
        ["VoiceHub:Webhooks:AllowedHosts:0"] = $"127.0.0.1:{_redirector.Port}",
        ["VoiceHub:Webhooks:PollInterval"] = "00:00:00.050",
        ["VoiceHub:Webhooks:MaxAttempts"] = "1",
    };

    protected override ApiFactory CreateApi() =>
        new(Redis, Settings(), services => services.Replace(ServiceDescriptor.Singleton<IHostAddressResolver>(_resolver)));

    /// <summary>Targets an attacker aims at; {port} is the unlisted loopback service. One line per trick.</summary>
    public static TheoryData<string> Targets => new()
    {
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://2130706433:{port}/",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/admin",
        "http://100.64.0.1/",
        "http://intranet.test/",
        "http://127.0.0.1:" + "{port}@example.com/",
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Subscribing_a_private_loopback_or_metadata_address_is_refused(string target)
    {
        var url = target.Replace("{port}", _target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await Client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "workflow.started" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("url", ProblemAssert.ErrorFields(problem));
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task A_name_that_turns_private_after_subscribing_reaches_nothing()
    {
        _resolver.Answer = [IPAddress.Parse("93.184.216.34")];
        var id = await SubscribeAsync($"http://rebind.test:{_target.Port}/");
        _resolver.Answer = [IPAddress.Loopback];

        await Client.StartAsync("self-test", new { delay = 1 });
        var delivery = await WaitForFinalDeliveryAsync(id);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Contains("non-public", delivery.GetProperty("lastError").GetString());
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        var id = await SubscribeAsync(_redirector.Url);

        await Client.StartAsync("self-test", new { delay = 1 });
        var delivery = await WaitForFinalDeliveryAsync(id);

        Assert.Equal(307, delivery.GetProperty("lastResponseCode").GetInt32());
        Assert.Contains("Redirects are not followed", delivery.GetProperty("lastError").GetString());
        Assert.Single(_redirector.Received);
        Assert.Equal(0, _target.Requests);
    }

    private async Task<string> SubscribeAsync(string url)
    {
        using var response = await Client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "workflow.started" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Subscribing answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("webhook").GetProperty("id").GetString()!;
    }

    private Task<JsonElement> WaitForFinalDeliveryAsync(string id) =>
        Eventually.UntilAsync(async ct => (await Client.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}/deliveries", ct)).GetProperty("items").EnumerateArray().FirstOrDefault(),
            d => d.ValueKind == JsonValueKind.Object && d.GetProperty("status").GetString() is "failed" or "succeeded", $"the delivery of {id} to finish");

    /// <summary>A hostile DNS server: "rebind.test" answers whatever the test set last; other names resolve as usual, "intranet.test" privately.</summary>
    private sealed class RebindingResolver : IHostAddressResolver
    {
        public volatile IPAddress[] Answer = [IPAddress.Loopback];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host switch
        {
            "rebind.test" => Task.FromResult(Answer),
            "intranet.test" => Task.FromResult<IPAddress[]>([IPAddress.Parse("10.1.2.3")]),
            _ => Dns.GetHostAddressesAsync(host, cancellationToken),
        };
    }
}
