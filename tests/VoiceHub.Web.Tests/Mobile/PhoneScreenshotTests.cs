using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace VoiceHub.Web.Tests.Mobile;

/// <summary>Screenshots of the phone layout for the README (PhoneTests takes the console's).</summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneScreenshotTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Phone_pages_are_photographed_in_dark_and_light()
    {
        var workflowId = await fixture.StartSelfTestAsync(delayMs: 0);
        await fixture.StartSelfTestAsync(delayMs: 0);
        await fixture.WaitFinishedAsync(workflowId);

        var page = await Screens.NewPageAsync(fixture, Screens.Phone);
        await WebAppFixture.GotoAsync(page, "/workflows");
        await Expect(page.GetByTestId("workflow-row").First).ToBeVisibleAsync();
        await Screens.PhotographAsync(page, "phone-workflows");

        await WebAppFixture.GotoAsync(page, $"/workflows/{workflowId}");
        await Expect(page.GetByTestId("workflow-status")).ToHaveTextAsync("Completed");
        await Screens.PhotographAsync(page, "phone-workflow-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).TapAsync();
        await Expect(page.Locator("#main-nav")).ToBeVisibleAsync();
        await Screens.PhotographAsync(page, "phone-menu", fullPage: false);
        await page.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);

        var light = await Screens.NewPageAsync(fixture, Screens.Phone, ColorScheme.Light);
        await WebAppFixture.GotoAsync(light, "/");
        var input = light.GetByTestId("command-input");
        await input.FillAsync("what can you do");
        await input.PressAsync("Enter");
        await Expect(light.GetByTestId("msg-hub").Last).ToBeVisibleAsync();
        await Expect(light).ToHaveURLAsync(new Regex(@"\?thread="));
        // The viewport, not the full page: what a person holding the phone sees, composer at the bottom.
        await Screens.PhotographAsync(light, "phone-console-light", fullPage: false);
        await WebAppFixture.GotoAsync(light, "/metrics");
        await Expect(light.GetByTestId("metric-requests")).ToBeVisibleAsync();
        await Screens.PhotographAsync(light, "phone-metrics-light");
        await light.Context.CloseAsync().WaitAsync(WebAppFixture.RequestTimeout);
    }
}
