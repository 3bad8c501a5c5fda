using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.TestSupport.Webhooks;
using VoiceHub.TestSupport.WholeApp;

namespace VoiceHub.Web.Tests;

/// <summary>
/// The whole application started from the AppHost (as <c>dotnet run</c> does) and one headless
/// Debian Chromium driven by Playwright, shared by the browser tests. Every wait is time-boxed.
/// </summary>
public sealed partial class WebAppFixture : IAsyncLifetime
{
    /// <summary>Failed sign-ins one address may make per window here: all tests come from 127.0.0.1, so the window is short.</summary>
    public const int FailedSignInLimit = 20;
    public static readonly TimeSpan FailedSignInWindow = TimeSpan.FromSeconds(10);

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

    /// <summary>The OpenID Connect provider the web is configured with (a local fake: discovery, keys, authorize and token endpoints).</summary>
    public FakeOidcProvider Oidc { get; private set; } = null!;

    /// <summary>A webhook receiver on loopback that the API may deliver to (listed in its VoiceHub:Webhooks:AllowedHosts); answers 200.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Development sends no-cache for static assets so edits show at once; the tests check (and
        // docs/PERFORMANCE.md measures) the long-lived caching that Production sends.
        Oidc = new FakeOidcProvider();
        Receiver = await WebhookReceiver.StartAsync(_ => Microsoft.AspNetCore.Http.Results.Ok());
        var receiverHost = "127.0.0.1:" + Receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _host = await WholeApp.StartAsync<Projects.VoiceHub_AppHost>(builder =>
        {
            builder.CreateResourceBuilder<ProjectResource>("webfrontend")
                .WithEnvironment("EnableStaticAssetsDevelopmentCaching", "true")
                .WithEnvironment("VoiceHub__Auth__FailedSignIns__PermitLimit", FailedSignInLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("VoiceHub__Auth__FailedSignIns__Window", FailedSignInWindow.ToString())
                .WithEnvironment("VoiceHub__Auth__SessionCheckInterval", "00:00:02")
                .WithEnvironment("VoiceHub__Auth__Oidc__Authority", Oidc.Authority)
                .WithEnvironment("VoiceHub__Auth__Oidc__ClientId", FakeOidcProvider.ClientId)
                .WithEnvironment("VoiceHub__Auth__Oidc__ClientSecret", FakeOidcProvider.ClientSecret)
                .WithEnvironment("VoiceHub__Auth__Oidc__DisplayName", "Test Provider");
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
    /// A fresh browser context and page on the web frontend, signed in with an API key of its own
    /// (a new person with <paramref name="role"/>), so tests can act as that person through <see cref="ApiFor"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(Func<IBrowserContext, Task>? prepare = null, string role = "operator")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        }).WaitAsync(RequestTimeout);
        context.SetDefaultTimeout(UiTimeoutMs);
        context.SetDefaultNavigationTimeout(UiTimeoutMs);
        await SignInAsync(context, role);
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

    /// <summary>
    /// Signs a browser context in as a new person with <paramref name="role"/>: an admin creates their key,
    /// and the context posts it to the sign-in form with the page's antiforgery token, as the form does.
    /// </summary>
    public async Task<string> SignInAsync(IBrowserContext context, string role = "operator")
    {
        var owner = $"browser-{role}-{Guid.NewGuid():N}";
        var key = await CreateKeyAsync(role, owner);
        await SignInWithKeyAsync(context.APIRequest, key);
        _people[context] = (owner, role);
        return owner;
    }

    /// <summary>An API key for <paramref name="owner"/> with <paramref name="role"/>, created by the bootstrap admin.</summary>
    public async Task<string> CreateKeyAsync(string role, string owner)
    {
        using var admin = _host.CreateHttpClient("apiservice", "http");
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name = "browser test", role, owner }).WaitAsync(RequestTimeout);
        Assert.True(response.IsSuccessStatusCode, $"creating a key answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    /// <summary>Opens /login and posts <paramref name="key"/> with the form's antiforgery token; fails unless the web signs in.</summary>
    public static async Task SignInWithKeyAsync(IAPIRequestContext request, string key)
    {
        var login = await request.GetAsync("/login").WaitAsync(RequestTimeout);
        var token = AntiforgeryField().Match(await login.TextAsync()).Groups["token"].Value;
        var response = await request.PostAsync("/login/key", new APIRequestContextOptions
        {
            Form = request.CreateFormData().Set("__RequestVerificationToken", token).Set("key", key).Set("returnUrl", "/"),
            MaxRedirects = 0,
        }).WaitAsync(RequestTimeout);
        Assert.True(response.Status == 302, $"signing in with a key answered {response.Status}: {await response.TextAsync()}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    public static partial Regex AntiforgeryField();

    private readonly ConcurrentDictionary<IBrowserContext, (string Owner, string Role)> _people = new();

    /// <summary>Starts a self-test owned by the person in <paramref name="page"/>'s browser, who may then cancel and retry it there.</summary>
    public async Task<string> StartSelfTestAsync(int delayMs, IPage page)
    {
        using var api = await ApiFor(page);
        return (await api.StartAsync("self-test", new { delay = delayMs })).Id();
    }

    /// <summary>
    /// A client of the API acting as the person signed in in <paramref name="page"/>'s browser, as the
    /// web does: the frontend's key on behalf of their id and role.
    /// </summary>
    public Task<HttpClient> ApiFor(IPage page)
    {
        var (owner, role) = _people[page.Context];
        var client = TestIdentity.SignIn(_host.CreateHttpClient("apiservice", "http"), _host.FrontendKey);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfHeader, owner);
        client.DefaultRequestHeaders.Add(TestIdentity.OnBehalfOfRoleHeader, role);
        return Task.FromResult(client);
    }

    /// <summary>The token of the newest sign-in link the web printed to its console (as a person reads it there).</summary>
    public async Task<string> LatestSignInTokenAsync()
    {
        var web = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "webfrontend");
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        string? token = null;
        await foreach (var batch in logs.GetAllAsync(web).WithCancellation(new CancellationTokenSource(RequestTimeout).Token))
        {
            foreach (var line in batch)
            {
                if (SignInLink().Match(line.Content) is { Success: true } match)
                {
                    token = match.Groups["token"].Value;
                }
            }
        }

        return token ?? throw new InvalidOperationException("The web printed no sign-in link to its console.");
    }

    /// <summary>The dashboard's link to the web that signs in as the bootstrap admin (the webfrontend resource's URL).</summary>
    public string DashboardLink() =>
        App.ResourceNotifications.TryGetCurrentState("webfrontend", out var state)
            ? state.Snapshot.Urls.Select(u => u.Url).FirstOrDefault(u => u.Contains("/login?dashboard=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The webfrontend has no sign-in link in the dashboard: " + string.Join(", ", state.Snapshot.Urls.Select(u => u.Url)))
            : throw new InvalidOperationException("The webfrontend resource has no state.");

    /// <summary>A plain HTTP client of the web keeping its own cookies and following no redirects, for sign-in attacks.</summary>
    public HttpClient NewWebClient(System.Net.CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = WebUrl,
            Timeout = RequestTimeout,
        };

    /// <summary>The bootstrap admin's client of the API (audit trail checks).</summary>
    public HttpClient AdminApi() => _host.CreateHttpClient("apiservice", "http");

    [GeneratedRegex(@"/login\?t=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex SignInLink();

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

        if (Oidc is not null)
        {
            await Oidc.DisposeAsync();
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
