using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class ProtocolAndLimitsTests(RedisServerFixture redis)
{
    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Http2_is_negotiated_on_a_tls_endpoint()
    {
        await using var api = new KestrelApi(redis, Settings(), tls: true);
        using var client = api.CreateClient(HttpVersion.Version20);

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task Http11_still_works_beside_http2()
    {
        await using var api = new KestrelApi(redis, Settings(), tls: true);
        using var client = api.CreateClient(HttpVersion.Version11);

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task Body_over_the_cap_is_413_problem_stating_the_limit()
    {
        await using var api = new KestrelApi(redis, Settings(("VoiceHub:Limits:MaxRequestBodyBytes", "4096")), tls: false);
        using var client = api.CreateClient();
        var body = JsonSerializer.Serialize(new { templateId = "self-test", inputs = new { note = new string('x', 10_000) } });

        using var response = await client.PostAsync("/api/workflows", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4096", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Body_over_the_cap_read_by_hand_is_413_problem()
    {
        await using var api = new KestrelApi(redis, Settings(("VoiceHub:Limits:MaxRequestBodyBytes", "4096")), tls: false);
        using var client = api.CreateClient();
        var content = new StringContent(JsonSerializer.Serialize(new { title = new string('x', 10_000) }), Encoding.UTF8, "application/json");
        // Chunked, so the size is found while reading, not from Content-Length.
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/threads") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Bodies_within_the_cap_are_served()
    {
        await using var api = new KestrelApi(redis, Settings(("VoiceHub:Limits:MaxRequestBodyBytes", "4096")), tls: false);
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/threads", new { title = "small" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
