using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace VoiceHub.Web.Tests;

/// <summary>
/// Measures what each page costs to load, with Chromium's own accounting (CDP Network events:
/// <c>encodedDataLength</c> of every finished request = bytes on the wire, headers included, after
/// compression; WebSocket frames for the Blazor circuit). Writes a Markdown table next to the
/// screenshots; docs/PERFORMANCE.md quotes it. Asserts only that the figures exist, never a size.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PageWeightTests(WebAppFixture fixture, ITestOutputHelper output)
{
    private static readonly (string Name, string Path)[] Pages =
    [
        ("Console", "/"), ("Workflows", "/workflows"), ("Templates", "/templates"), ("Threads", "/threads"), ("Metrics", "/metrics"),
    ];

    [Fact]
    public async Task Page_weight_of_each_page_is_measured()
    {
        var workflowId = await fixture.StartSelfTestAsync(delayMs: 0);
        var rows = new List<string>();
        var breakdown = new StringBuilder();
        foreach (var (name, path) in Pages.Append(("Workflow detail", $"/workflows/{workflowId}")))
        {
            var cold = await MeasureAsync(path, warm: false);
            var warm = await MeasureAsync(path, warm: true);
            Assert.True(cold.HttpBytes > 0, $"no bytes measured for {path}");
            if (path == "/")
            {
                breakdown.AppendLine("| Console, first load: resource | Transferred |").AppendLine("|---|---:|");
                cold.Breakdown.ToList().ForEach(r => breakdown.AppendLine($"| `{r.Url}` | {Kb(r.Bytes)} |"));
            }

            rows.Add(FormattableString.Invariant(
                $"| {name} (`{(path.StartsWith("/workflows/") ? "/workflows/{id}" : path)}`) | {cold.Requests} | {Kb(cold.HttpBytes)} | {Kb(cold.SocketBytes)} | {warm.Requests} | {Kb(warm.HttpBytes)} |"));
        }

        var table = new StringBuilder()
            .AppendLine("| Page | Requests from network (first load) | HTTP transferred (first load) | Circuit WebSocket (first load) | Requests from network (repeat visit) | HTTP transferred (repeat visit) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(r => table.AppendLine(r));
        table.AppendLine().Append(breakdown);
        var file = Path.Combine(WebAppFixture.ScreenshotFolder, "..", "page-weight.md");
        await File.WriteAllTextAsync(file, table.ToString());
        output.WriteLine(table.ToString());
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    private async Task<Weight> MeasureAsync(string path, bool warm)
    {
        var page = await fixture.NewPageAsync();
        try
        {
            if (warm)
            {
                // A repeat visit: the browser's cache holds the fingerprinted assets from an earlier page.
                await WebAppFixture.GotoAsync(page, "/not-found");
            }

            var cdp = await page.Context.NewCDPSessionAsync(page).WaitAsync(WebAppFixture.RequestTimeout);
            var requests = new ConcurrentDictionary<string, long>();
            var urls = new ConcurrentDictionary<string, string>();
            cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    var response = json.GetProperty("response");
                    var encoding = response.GetProperty("headers").EnumerateObject()
                        .FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
                    urls[json.GetProperty("requestId").GetString()!] = response.GetProperty("url").GetString()!
                        + (encoding.ValueKind == JsonValueKind.String ? " (" + encoding.GetString() + ")" : "");
                }
            };
            long socketBytes = 0;
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                if (e is { } json)
                {
                    requests[json.GetProperty("requestId").GetString()!] = (long)json.GetProperty("encodedDataLength").GetDouble();
                }
            };
            cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Add(ref socketBytes, e);
            cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Add(ref socketBytes, e);
            await cdp.SendAsync("Network.enable").WaitAsync(WebAppFixture.RequestTimeout);

            await WebAppFixture.GotoAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle).WaitAsync(WebAppFixture.RequestTimeout);
            await Task.Delay(500);
            var fromNetwork = requests.Where(r => r.Value > 0).ToList();
            var breakdown = fromNetwork
                .Select(r => (Url: PathOf(urls.GetValueOrDefault(r.Key, "about:blank")), Bytes: r.Value))
                .OrderByDescending(r => r.Bytes)
                .ToList();
            return new Weight(fromNetwork.Count, fromNetwork.Sum(r => r.Value), Interlocked.Read(ref socketBytes), breakdown);
        }
        finally
        {
            await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
        }
    }

    private static string PathOf(string urlAndEncoding)
    {
        var space = urlAndEncoding.IndexOf(' ');
        return space < 0 ? new Uri(urlAndEncoding).AbsolutePath : new Uri(urlAndEncoding[..space]).AbsolutePath + urlAndEncoding[space..];
    }

    private static void Add(ref long total, JsonElement? e)
    {
        if (e is { } json && json.TryGetProperty("response", out var response) && response.TryGetProperty("payloadData", out var payload))
        {
            // Blazor's frames are binary (MessagePack) and arrive base64-encoded in CDP.
            var data = payload.GetString() ?? "";
            var opcode = response.TryGetProperty("opcode", out var op) ? op.GetInt32() : 1;
            Interlocked.Add(ref total, opcode == 2 ? data.Length * 3 / 4 : Encoding.UTF8.GetByteCount(data));
        }
    }

    private sealed record Weight(int Requests, long HttpBytes, long SocketBytes, IReadOnlyList<(string Url, long Bytes)> Breakdown);
}
