using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.Web.Tests;

/// <summary>
/// The whole application started from the AppHost (as <c>dotnet run</c> does) and one headless
/// Debian Chromium driven by Playwright, shared by the browser tests. Every wait is time-boxed.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Playwright's own timeout for one action or assertion, in milliseconds.</summary>
    public const float UiTimeoutMs = 20_000;

    /// <summary>How long a workflow may take to finish in a test (self-test takes well under a second).</summary>
    public static readonly TimeSpan WorkflowTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string redisDirectory = Path.Combine(Path.GetTempPath(), "voicehub-web-tests-" + Guid.NewGuid().ToString("N"));

    public DistributedApplication App { get; private set; } = null!;
    public Uri WebUrl { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Whether the API answers <c>POST /api/commands</c> (it lands on main separately).</summary>
    public bool CommandsAvailable { get; private set; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        // A local redis-server gets a data folder of its own, so these tests neither share files with
        // another whole-app run at the same time nor leave workflows in the developer's .data/redis.
        Directory.CreateDirectory(redisDirectory);
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.VoiceHub_AppHost>([$"--VoiceHub:Redis:DataDirectory={redisDirectory}"], cts.Token)
            .WaitAsync(StartTimeout);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));


        // Development sends no-cache for static assets so edits show at once; the tests check (and
        // docs/PERFORMANCE.md measures) the long-lived caching that Production sends.
        builder.CreateResourceBuilder<ProjectResource>("webfrontend")
            .WithEnvironment("EnableStaticAssetsDevelopmentCaching", "true");

        App = await builder.BuildAsync(cts.Token).WaitAsync(StartTimeout);
        await App.StartAsync(cts.Token).WaitAsync(StartTimeout);
        foreach (var resource in new[] { "cache", "apiservice", "webfrontend" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token).WaitAsync(StartTimeout);
        }

        WebUrl = App.GetEndpoint("webfrontend");
        // The tests' own API calls (setting up workflows, making traffic) stand for many people:
        // a fresh X-VoiceHub-User per request keeps them out of any one person's rate limit.
        Api = new HttpClient(new FreshUserHandler { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = App.GetEndpoint("apiservice", "http"),
            Timeout = RequestTimeout,
        };

        using (var probe = await Api.PostAsJsonAsync("/api/commands", new { text = "help" }).WaitAsync(RequestTimeout))
        {
            CommandsAvailable = probe.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        Assertions.SetDefaultExpectTimeout(UiTimeoutMs);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync().WaitAsync(StartTimeout);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        }).WaitAsync(StartTimeout);
    }

    /// <summary>A fresh browser context (own cookies, so its own user id) and page on the web frontend.</summary>
    public async Task<IPage> NewPageAsync(Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        }).WaitAsync(RequestTimeout);
        context.SetDefaultTimeout(UiTimeoutMs);
        context.SetDefaultNavigationTimeout(UiTimeoutMs);
        if (prepare is not null)
        {
            await prepare(context).WaitAsync(RequestTimeout);
        }

        return await context.NewPageAsync().WaitAsync(RequestTimeout);
    }

    /// <summary>Opens a path and waits until Blazor's circuit is interactive (the layout marks it).</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle }).WaitAsync(RequestTimeout);
        await page.Locator("[data-testid=circuit][data-interactive=true]")
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = UiTimeoutMs })
            .WaitAsync(RequestTimeout);
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, name + ".png"),
            FullPage = true,
        }).WaitAsync(RequestTimeout);

    /// <summary>Starts a self-test workflow through the API and returns its id.</summary>
    public async Task<string> StartSelfTestAsync(int delayMs = 50)
    {
        using var response = await Api.PostAsJsonAsync("/api/workflows",
            new { templateId = "self-test", inputs = new { delay = delayMs } }).WaitAsync(RequestTimeout);
        Assert.True(response.IsSuccessStatusCode, $"starting self-test answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the API until the step <paramref name="stepId"/> of the workflow runs.</summary>
    public async Task WaitForRunningStepAsync(string id, string stepId)
    {
        using var cts = new CancellationTokenSource(WorkflowTimeout);
        while (true)
        {
            var workflow = await Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/workflows/{id}", cts.Token).WaitAsync(RequestTimeout);
            if (workflow.GetProperty("steps").EnumerateArray()
                .Any(s => s.GetProperty("id").GetString() == stepId && s.GetProperty("status").GetString() == "Running"))
            {
                return;
            }

            await Task.Delay(100, cts.Token);
        }
    }

    /// <summary>Polls the API until the workflow has finished; returns its last state.</summary>
    public async Task<System.Text.Json.JsonElement> WaitFinishedAsync(string id)
    {
        using var cts = new CancellationTokenSource(WorkflowTimeout);
        while (true)
        {
            var workflow = await Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/workflows/{id}", cts.Token).WaitAsync(RequestTimeout);
            if (workflow.GetProperty("status").GetString() is "Completed" or "Failed" or "Canceled")
            {
                return workflow;
            }

            await Task.Delay(200, cts.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Playwright?.Dispose();
        Api?.Dispose();
        if (App is not null)
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }

        if (Directory.Exists(redisDirectory))
        {
            Directory.Delete(redisDirectory, recursive: true);
        }
    }
}

internal sealed class FreshUserHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-VoiceHub-User", "browser-tests-" + Guid.NewGuid().ToString("N"));
        return base.SendAsync(request, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app in a browser";
}
