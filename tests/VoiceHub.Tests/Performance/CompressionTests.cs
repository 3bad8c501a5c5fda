using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class CompressionTests(RedisServerFixture redis) : ApiTest(redis)
{

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Json_over_1_KiB_is_compressed(string encoding)
    {
        using var response = await GetAsync("/openapi/v1.json", encoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.StartsWith("{", Decompress(encoding, compressed));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Json_under_1_KiB_is_sent_plain_with_its_length(string encoding)
    {
        using var response = await GetAsync("/", encoding);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True(body.Length < 1024);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains("VoiceHub.ApiService", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Large_problem_details_are_compressed()
    {
        using var client = Client;
        // 40 unknown inputs: a 400 whose errors name each one, well over 1 KiB.
        var inputs = Enumerable.Range(0, 40).ToDictionary(i => $"unknown_input_number_{i}", i => (object)i);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflows") { Content = JsonContent.Create(new { templateId = "self-test", inputs }) };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Server_sent_events_are_neither_buffered_nor_compressed()
    {
        using var client = Client;
        var workflow = await client.StartAsync("self-test", new { delay = 10 });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflows/{workflow.Id()}/events");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var cts = new CancellationTokenSource(Patience.Background);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var sentLength = response.Content.Headers.NonValidated.Contains("Content-Length");
        var text = await response.Content.ReadAsStringAsync(cts.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        // ASP.NET Core marks event streams "identity" so nothing on the way compresses them.
        Assert.All(response.Content.Headers.ContentEncoding, encoding => Assert.Equal("identity", encoding));
        Assert.False(sentLength);
        Assert.Contains("event: workflow.completed", text);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string encoding)
    {
        using var client = Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string Decompress(string encoding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }
}
