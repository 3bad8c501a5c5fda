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
    /// <summary>The sign-in page: served without a circuit, to people not signed in.</summary>
    private const string LoginPath = "/login";

    /// <summary>Every page a person opens (the web's routable pages, found by <see cref="Mobile.AppRoutes"/>), then the sign-in page.</summary>
    public static IReadOnlyList<string> Pages { get; } = Mobile.AppRoutes.Templates
        .Except(["/error", "/forbidden", "/not-found"])
        .Append(LoginPath)
        .ToList();

    [Fact]
    public async Task Page_weight_of_each_page_is_measured()
    {
        var rows = new List<string>();
        var breakdown = new StringBuilder();
        foreach (var template in Pages)
        {
            var cold = await MeasureAsync(template, warm: false);
            var warm = await MeasureAsync(template, warm: true);
            Assert.True(cold.HttpBytes > 0, $"no bytes measured for {template}");
            if (template == "/")
            {
                AppendBreakdown(breakdown, "Console, first load", cold);
            }
            else if (template == LoginPath)
            {
                AppendBreakdown(breakdown, "Sign-in page, first load", cold);
                AppendBreakdown(breakdown, "Sign-in page, repeat visit", warm);
            }

            var who = template == LoginPath ? "signed out" : Mobile.AppRoutes.RoleNeeded(template);
            rows.Add(FormattableString.Invariant(
                $"| `{template}` | {who} | {cold.Requests} | {Kb(cold.HttpBytes)} | {Kb(cold.SocketBytes)} | {warm.Requests} | {Kb(warm.HttpBytes)} |"));
        }

        var table = new StringBuilder()
            .AppendLine("| Page | As | Requests from network (first load) | HTTP transferred (first load) | Circuit WebSocket (first load) | Requests from network (repeat visit) | HTTP transferred (repeat visit) |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|");
        rows.ForEach(r => table.AppendLine(r));
        table.AppendLine().Append(breakdown);
        var file = Path.Combine(WebAppFixture.ScreenshotFolder, "..", "page-weight.md");
        await File.WriteAllTextAsync(file, table.ToString());
        output.WriteLine(table.ToString());
    }

    [Fact]
    public void The_new_pages_are_measured() =>
        Assert.Superset(new HashSet<string> { "/", "/audit", "/hooks", "/schedules", "/webhooks", "/threads/{Id}", "/workflows/{Id}", LoginPath }, Pages.ToHashSet());

    private static void AppendBreakdown(StringBuilder text, string title, Weight weight)
    {
        text.AppendLine($"| {title}: resource | Transferred |").AppendLine("|---|---:|");
        weight.Breakdown.ToList().ForEach(r => text.AppendLine($"| `{r.Url}` | {Kb(r.Bytes)} |"));
        text.AppendLine();
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    private async Task<Weight> MeasureAsync(string template, bool warm)
    {
        var signedOut = template == LoginPath;
        var page = await NewPageAsync(signedOut ? null : Mobile.AppRoutes.RoleNeeded(template));
        try
        {
            // Ids in the path are of things that exist (a workflow run, a thread of this page's person), made through the API.
            var path = signedOut ? template : await Mobile.AppRoutes.ResolveAsync(fixture, template, page);
            if (warm)
            {
                // A repeat visit: the browser's cache holds the fingerprinted assets from an earlier page.
                await OpenAsync(page, signedOut ? LoginPath : "/not-found", signedOut);
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

            await OpenAsync(page, path, signedOut);
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

    // The sign-in page has no circuit to wait for; every other page is measured once interactive.
    private static Task OpenAsync(IPage page, string path, bool signedOut) => signedOut
        ? page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle }).WaitAsync(WebAppFixture.RequestTimeout)
        : WebAppFixture.GotoAsync(page, path);

    /// <summary>
    /// A fresh context, signed in with <paramref name="role"/> (null: signed out), without the service worker:
    /// its fetches run in its own target, which this page's DevTools session does not see, so with it the
    /// repeat visits' HTML would go uncounted. Without it the browser's HTTP cache serves the fingerprinted
    /// assets, as the service worker's cache would.
    /// </summary>
    private async Task<IPage> NewPageAsync(string? role)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        }).WaitAsync(WebAppFixture.RequestTimeout);
        context.SetDefaultTimeout(WebAppFixture.UiTimeoutMs);
        context.SetDefaultNavigationTimeout(WebAppFixture.UiTimeoutMs);
        if (role is not null)
        {
            await fixture.SignInAsync(context, role);
        }

        return await context.NewPageAsync().WaitAsync(WebAppFixture.RequestTimeout);
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
