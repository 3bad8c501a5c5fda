using System.Text.Json;
using VoiceHub.TestSupport.Webhooks;
using VoiceHub.TestSupport.WholeApp;

namespace VoiceHub.Web.Tests;

/// <summary>
/// The whole application started from the AppHost (as <c>dotnet run</c> does) and one headless
/// Debian Chromium driven by Playwright, shared by the browser tests. Every wait is time-boxed.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public static TimeSpan RequestTimeout => Patience.Request;

    /// <summary>Playwright's own timeout for one action or assertion, in milliseconds.</summary>
    public const float UiTimeoutMs = 20_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private WholeApp _host = null!;

    public DistributedApplication App => _host.App;
    public Uri WebUrl { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A webhook receiver on loopback that the API may deliver to (listed in its VoiceHub:Webhooks:AllowedHosts); answers 200.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Development sends no-cache for static assets so edits show at once; the tests check (and
        // docs/PERFORMANCE.md measures) the long-lived caching that Production sends.
        Receiver = await WebhookReceiver.StartAsync(_ => Microsoft.AspNetCore.Http.Results.Ok());
        var receiverHost = "127.0.0.1:" + Receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _host = await WholeApp.StartAsync<Projects.VoiceHub_AppHost>(builder =>
        {
            builder.CreateResourceBuilder<ProjectResource>("webfrontend").WithEnvironment("EnableStaticAssetsDevelopmentCaching", "true");
            builder.CreateResourceBuilder<ProjectResource>("apiservice")
                .WithEnvironment("VoiceHub__Webhooks__AllowedHosts__0", receiverHost)
                .WithEnvironment("VoiceHub__Webhooks__PollInterval", "00:00:00.200");
        });

        WebUrl = App.GetEndpoint("webfrontend");
        // The tests' own API calls (setting up workflows, making traffic) stand for many people: the
        // frontend's key acting for a fresh user per request keeps them out of any one person's rate limit.
        Api = TestIdentity.SignIn(
            _host.CreateHttpClient("apiservice", "http", new FreshUserHandler { InnerHandler = new SocketsHttpHandler() }), _host.FrontendKey);

        Directory.CreateDirectory(ScreenshotFolder);
        Assertions.SetDefaultExpectTimeout(UiTimeoutMs);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync().WaitAsync(Patience.AppStart);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        }).WaitAsync(Patience.AppStart);
    }

    /// <summary>
    /// A fresh browser context and page on the web frontend, with a user id of its own already in its
    /// cookie (as the web would give it), so tests can act as that user through <see cref="ApiFor"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        }).WaitAsync(RequestTimeout);
        context.SetDefaultTimeout(UiTimeoutMs);
        context.SetDefaultNavigationTimeout(UiTimeoutMs);
        await GiveUserAsync(context);
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
    public async Task<string> StartSelfTestAsync(int delayMs = 50) =>
        (await Api.StartAsync("self-test", new { delay = delayMs })).Id();

    /// <summary>Gives a new browser context its own user id cookie, as the web would on its first visit.</summary>
    public Task GiveUserAsync(IBrowserContext context) =>
        context.AddCookiesAsync([new Cookie { Name = "voicehub-user", Value = Guid.NewGuid().ToString("N"), Url = WebUrl.ToString() }])
            .WaitAsync(RequestTimeout);

    /// <summary>Starts a self-test owned by the person in <paramref name="page"/>'s browser, who may then cancel and retry it there.</summary>
    public async Task<string> StartSelfTestAsync(int delayMs, IPage page)
    {
        using var api = await ApiFor(page);
        return (await api.StartAsync("self-test", new { delay = delayMs })).Id();
    }

    /// <summary>
    /// A client of the API acting as the person in <paramref name="page"/>'s browser, as the web does:
    /// the frontend's key on behalf of <c>browser:&lt;cookie id&gt;</c> with the interim role operator.
    /// </summary>
    public async Task<HttpClient> ApiFor(IPage page)
    {
        var cookies = await page.Context.CookiesAsync().WaitAsync(RequestTimeout);
        var id = cookies.Single(c => c.Name == "voicehub-user").Value;
        var client = TestIdentity.SignIn(_host.CreateHttpClient("apiservice", "http"), _host.FrontendKey);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfHeader, "browser:" + id);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfRoleHeader, "operator");
        return client;
    }

    /// <summary>Polls the API until the step <paramref name="stepId"/> of the workflow runs.</summary>
    public Task WaitForRunningStepAsync(string id, string stepId) => Api.WaitForStepAsync(id, stepId, StepStatus.Running);

    /// <summary>Polls the API until the workflow has finished; returns its last state.</summary>
    public Task<JsonElement> WaitFinishedAsync(string id) => Api.WaitFinishedAsync(id);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Playwright?.Dispose();
        Api?.Dispose();
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

internal sealed class FreshUserHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add(TestIdentity.OnBehalfOfHeader, "browser-tests-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add(TestIdentity.OnBehalfOfRoleHeader, "admin");
        return base.SendAsync(request, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app in a browser";
}
