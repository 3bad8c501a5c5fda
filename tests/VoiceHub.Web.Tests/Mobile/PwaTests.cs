using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests.Mobile;

/// <summary>VoiceHub installs as an app: a linked, valid manifest with real icons, and a service worker.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PwaTests(WebAppFixture fixture)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Manifest_is_linked_valid_and_its_icons_have_the_sizes_it_names()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        await WebAppFixture.GotoAsync(page, "/");
        var href = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "no <link rel=manifest>");
        var manifestUrl = new Uri(new Uri(page.Url), href);

        var response = await page.APIRequest.GetAsync(manifestUrl.ToString()).WaitAsync(WebAppFixture.RequestTimeout);
        Assert.True(response.Ok, $"manifest answered {response.Status}");
        Assert.Contains("json", response.Headers["content-type"]);
        using var manifest = JsonDocument.Parse(await response.BodyAsync());
        var root = manifest.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.StartsWith("/", root.GetProperty("start_url").GetString());
        Assert.StartsWith("#", root.GetProperty("theme_color").GetString());

        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        var sizes = new List<string>();
        foreach (var icon in icons)
        {
            var size = icon.GetProperty("sizes").GetString()!;
            var iconUrl = new Uri(manifestUrl, icon.GetProperty("src").GetString());
            var png = await page.APIRequest.GetAsync(iconUrl.ToString()).WaitAsync(WebAppFixture.RequestTimeout);
            Assert.True(png.Ok, $"{iconUrl} answered {png.Status}");
            var (width, height) = PngSize(await png.BodyAsync(), iconUrl);
            Assert.Equal(size, $"{width}x{height}");
            sizes.Add(icon.TryGetProperty("purpose", out var purpose) && purpose.GetString()!.Contains("maskable") ? "maskable" : size);
        }

        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
        Assert.Contains("maskable", sizes);
    }

    [Fact]
    public async Task Service_worker_registers_caches_fingerprinted_assets_and_shows_an_offline_page()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        await WebAppFixture.GotoAsync(page, "/");

        var script = await page.EvaluateAsync<string>("""
            () => Promise.race([
              navigator.serviceWorker.ready.then((r) => r.active.scriptURL),
              new Promise((resolve) => setTimeout(() => resolve("not ready within 15 s"), 15000)),
            ])
            """).WaitAsync(WebAppFixture.RequestTimeout);
        Assert.EndsWith("/service-worker.js", script);

        // Once it controls the page, the stylesheet (a fingerprinted URL) is kept for the next visit.
        await WebAppFixture.GotoAsync(page, "/workflows");
        await page.WaitForFunctionAsync("""
            async () => {
              const cache = await caches.open("voicehub-assets-v1");
              return (await cache.keys()).some((r) => /\/app\.[a-z0-9]+\.css$/.test(r.url));
            }
            """, null, new PageWaitForFunctionOptions { Timeout = WebAppFixture.UiTimeoutMs, PollingInterval = 200 })
            .WaitAsync(WebAppFixture.RequestTimeout);

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/threads").WaitAsync(WebAppFixture.RequestTimeout);
        await Expect(page.Locator("h1")).ToHaveTextAsync("You are offline");
        await page.Context.SetOfflineAsync(false);
        await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
    }

    [Fact]
    public async Task Lost_connection_shows_the_reconnecting_dialog_until_the_circuit_is_back()
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        await WebAppFixture.GotoAsync(page, "/");
        var dialog = page.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToContainTextAsync(new Regex("Reconnecting to VoiceHub|VoiceHub cannot be reached"));
        await Screens.PhotographAsync(page, "phone-reconnecting", fullPage: false);

        await page.Context.SetOfflineAsync(false);
        var retry = page.Locator("#components-reconnect-button");
        if (await retry.IsVisibleAsync())
        {
            await retry.ClickAsync();
        }

        await Expect(dialog).ToBeHiddenAsync(new() { Timeout = 45_000 });
        await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
    }

    private static (int Width, int Height) PngSize(byte[] bytes, Uri url)
    {
        // The IHDR chunk comes first: 8-byte signature, 4-byte length, "IHDR", then width and height.
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(PngSignature), $"{url} is not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
