using System.Net.Sockets;
using System.Text;
using VoiceHub.Tests.Performance;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Hostile;

/// <summary>Bodies whose HTTP framing lies, sent over a real socket to Kestrel: a 400, never a 5xx, and nothing created.</summary>
[Collection(Infrastructure.RedisCollection.Name)]
public sealed class MalformedFramingTests(RedisServerFixture redis)
{
    public static TheoryData<string> Bodies() =>
    [
        // A chunk size that is not hexadecimal.
        "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"templateId\":\"self-test\"}\r\n0\r\n\r\n",
        // A chunk longer than it says, then garbage instead of the next size.
        "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"templateId\":\"self-test\"}\r\nnope\r\n\r\n",
        // A chunk size too large for any number.
        "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_with_broken_framing_is_a_client_error(string framing)
    {
        await using var api = new KestrelApi(redis, new Dictionary<string, string?>(), tls: false);
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(Patience.Request);
        await tcp.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port, cts.Token);
        var stream = tcp.GetStream();
        var request = $"POST /api/workflows HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{framing}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(cts.Token) ?? "";
        var rest = await reader.ReadToEndAsync(cts.Token);

        Assert.Matches(@"^HTTP/1\.1 4\d\d ", statusLine);
        Assert.Contains("application/problem+json", rest);
        Assert.Contains("\"detail\"", rest);
        using var client = api.CreateClient();
        var list = await client.GetStringAsync("/api/workflows?limit=1", cts.Token);
        Assert.Contains("\"total\":0", list);
    }
}
