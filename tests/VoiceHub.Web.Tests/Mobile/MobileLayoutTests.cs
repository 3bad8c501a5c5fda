using System.Text.Json;
using Deque.AxeCore.Playwright;

namespace VoiceHub.Web.Tests.Mobile;

/// <summary>
/// Every routable page, on a phone (390 × 844, touch, mobile) and a desktop, in light and dark:
/// no horizontal scrolling, nothing interactive outside the viewport, no serious axe violation.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class MobileLayoutTests(WebAppFixture fixture)
{
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var route in AppRoutes.Templates)
        {
            foreach (var screen in new[] { Screens.Phone, Screens.Desktop })
            {
                foreach (var scheme in new[] { "light", "dark" })
                {
                    cases.Add(route, screen, scheme);
                }
            }
        }

        return cases;
    }

    public static TheoryData<string> Routes() => new(AppRoutes.Templates);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Page_with_text_zoomed_to_200_percent_still_fits_a_phone(string route)
    {
        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        var path = await AppRoutes.ResolveAsync(fixture, route, page);
        try
        {
            await WebAppFixture.GotoAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle).WaitAsync(WebAppFixture.RequestTimeout);
            // Text-only zoom (a phone's font-size setting): every rem and em doubles, the viewport does not.
            await page.EvaluateAsync("() => document.documentElement.style.fontSize = '200%'").WaitAsync(WebAppFixture.RequestTimeout);

            var width = Screens.Size(Screens.Phone).Width;
            var fit = await page.EvaluateAsync<JsonElement>(LayoutProbe, width).WaitAsync(WebAppFixture.RequestTimeout);
            Assert.True(fit.GetProperty("scrollWidth").GetInt32() <= width,
                $"{path} at 200 % text scrolls sideways ({fit.GetProperty("scrollWidth")} px); widest: {fit.GetProperty("widest")}");
            var outside = fit.GetProperty("outside").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(outside.Count == 0, $"{path} at 200 % text: controls outside the viewport:{Environment.NewLine}{string.Join(Environment.NewLine, outside)}");
        }
        finally
        {
            await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
        }
    }

    [Fact]
    public void Routes_are_found_in_the_web_assembly() =>
        Assert.Contains("/workflows/{Id}", AppRoutes.Templates);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_fits_the_screen_and_is_accessible(string route, string screen, string scheme)
    {
        var page = await Screens.NewPageAsync(fixture, screen, scheme == "light" ? ColorScheme.Light : ColorScheme.Dark);
        var path = await AppRoutes.ResolveAsync(fixture, route, page);
        try
        {
            await WebAppFixture.GotoAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle).WaitAsync(WebAppFixture.RequestTimeout);

            var width = Screens.Size(screen).Width;
            var fit = await page.EvaluateAsync<JsonElement>(LayoutProbe, width).WaitAsync(WebAppFixture.RequestTimeout);
            var where = $"{path} on a {screen} in {scheme}";
            Assert.True(fit.GetProperty("innerWidth").GetInt32() <= width,
                $"{where}: laid out {fit.GetProperty("innerWidth")} px wide on a {width} px screen (the browser zoomed out to fit wider content); widest: {fit.GetProperty("widest")}");
            Assert.True(fit.GetProperty("scrollWidth").GetInt32() <= fit.GetProperty("innerWidth").GetInt32(),
                $"{where}: scrolls sideways ({fit.GetProperty("scrollWidth")} px of content); widest: {fit.GetProperty("widest")}");
            var outside = fit.GetProperty("outside").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(outside.Count == 0, $"{where}: interactive elements outside the viewport:{Environment.NewLine}{string.Join(Environment.NewLine, outside)}");

            var axe = await page.RunAxe().WaitAsync(WebAppFixture.RequestTimeout);
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
                .ToList();
            Assert.True(serious.Count == 0, $"{where}:{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
        }
        finally
        {
            await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
        }
    }

    // Visible interactive elements, clipped by any ancestor that scrolls or hides its overflow
    // (a table scrolling in its own box may hold cells beyond the screen's edge), must sit
    // inside the viewport horizontally.
    private const string LayoutProbe = """
        (screenWidth) => {
          const width = innerWidth;
          const describe = (el) => el.outerHTML.slice(0, 140).replace(/\s+/g, " ");
          const visibleBox = (el) => {
            let { left, right } = el.getBoundingClientRect();
            for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== "visible") {
                const box = a.getBoundingClientRect();
                left = Math.max(left, box.left);
                right = Math.min(right, box.right);
              }
            }
            return { left, right };
          };
          const outside = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
            .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
            .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
            .map((el) => [el, visibleBox(el)])
            .filter(([, box]) => box.right > box.left && (box.left < -1 || box.right > width + 1))
            .map(([el, box]) => `${describe(el)} [${Math.round(box.left)}..${Math.round(box.right)}]`);
          const widest = [...document.body.querySelectorAll("*")]
            .filter((el) => el.getBoundingClientRect().right > Math.min(width, screenWidth) + 1)
            .slice(-3).map(describe).join(" | ");
          return { innerWidth: width, scrollWidth: document.documentElement.scrollWidth, outside, widest };
        }
        """;
}
