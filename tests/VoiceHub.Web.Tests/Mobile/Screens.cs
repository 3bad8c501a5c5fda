namespace VoiceHub.Web.Tests.Mobile;

/// <summary>The screens the web must work on: a phone (touch, mobile viewport) and a desktop.</summary>
public static class Screens
{
    public const string Phone = "phone";
    public const string Desktop = "desktop";

    public static ViewportSize Size(string screen) => screen == Phone
        ? new ViewportSize { Width = 390, Height = 844 }
        : new ViewportSize { Width = 1280, Height = 900 };

    /// <summary>A fresh context (own cookies and service worker) and page on the web frontend.</summary>
    public static async Task<IPage> NewPageAsync(WebAppFixture fixture, string screen, ColorScheme scheme = ColorScheme.Dark, string? initScript = null)
    {
        var phone = screen == Phone;
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.WebUrl.ToString(),
            ViewportSize = Size(screen),
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 3 : 1,
            ColorScheme = scheme,
        }).WaitAsync(WebAppFixture.RequestTimeout);
        context.SetDefaultTimeout(WebAppFixture.UiTimeoutMs);
        context.SetDefaultNavigationTimeout(WebAppFixture.UiTimeoutMs);
        await fixture.SignInAsync(context);
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript).WaitAsync(WebAppFixture.RequestTimeout);
        }

        return await context.NewPageAsync().WaitAsync(WebAppFixture.RequestTimeout);
    }

    /// <summary>A screenshot at CSS pixels (a phone's scale 3 would triple every side), next to the others.</summary>
    public static Task PhotographAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(WebAppFixture.ScreenshotFolder, name + ".png"),
            FullPage = fullPage,
            Scale = ScreenshotScale.Css,
        }).WaitAsync(WebAppFixture.RequestTimeout);
}
