using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

/// <summary>
/// The API with its own thread key prefix, so thread tests never see (or flush) other tests'
/// keys on the shared Redis; the keys are deleted when the test ends.
/// </summary>
internal sealed class ThreadsTestHost : IAsyncDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly ApiFactory _factory;

    public ThreadsTestHost(RedisServerFixture redis, IDictionary<string, string?>? settings = null)
    {
        _redis = redis;
        _factory = new ApiFactory(redis, settings);
        Prefix = _factory.KeyPrefix + "threads:";
        Client = _factory.CreateClient();
        Client.Timeout = TimeSpan.FromSeconds(30);
    }

    public string Prefix { get; }

    public HttpClient Client { get; }

    public async Task<string> CreateThreadAsync(string? title = null)
    {
        var response = await Client.PostAsJsonAsync("/api/threads", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> AppendAsync(string threadId, string text, string role = "user")
    {
        var response = await Client.PostAsJsonAsync($"/api/threads/{threadId}/messages", new { role, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> GetJsonAsync(string url) => Client.GetFromJsonAsync<JsonElement>(url);

    public Task<HttpResponseMessage> PostRawAsync(string url, string body, string contentType = "application/json") =>
        Client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public Task<string[]> KeysAsync() => KeysAsync(_redis, Prefix);

    public static async Task<string[]> KeysAsync(RedisServerFixture redis, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in redis.Connection.GetServers()[0].KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key.ToString());
        }

        return [.. keys];
    }

    public static async Task DeleteKeysAsync(RedisServerFixture redis, string prefix)
    {
        var keys = await KeysAsync(redis, prefix);
        if (keys.Length > 0)
        {
            await redis.Connection.GetDatabase().KeyDeleteAsync([.. keys.Select(k => (RedisKey)k)]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DeleteKeysAsync(_redis, Prefix);
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
