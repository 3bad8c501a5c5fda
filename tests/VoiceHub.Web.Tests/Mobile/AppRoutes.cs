using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace VoiceHub.Web.Tests.Mobile;

/// <summary>
/// Every routable page of the web, read from its assembly (<c>@page</c> becomes <see cref="RouteAttribute"/>),
/// so a new page is covered by the layout tests without editing them.
/// </summary>
public static partial class AppRoutes
{
    public static IReadOnlyList<string> Templates { get; } = typeof(SecurityHeaders).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => "/" + r.Template.TrimStart('/'))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The role a page asks for (its <c>[Authorize(Policy = HubRoles.X)]</c>), or operator when it names none.</summary>
    public static string RoleNeeded(string template) => typeof(SecurityHeaders).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any(r => "/" + r.Template.TrimStart('/') == template))
        .SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>())
        .Select(a => a.Policy)
        .FirstOrDefault(HubRoles.IsUserRole) ?? HubRoles.Operator;

    /// <summary>The template with its parameters filled with ids of things that exist (made through the API as the person in <paramref name="page"/>).</summary>
    public static async Task<string> ResolveAsync(WebAppFixture fixture, string template, IPage page)
    {
        var path = template;
        foreach (Match parameter in Parameter().Matches(template))
        {
            var collection = template[..parameter.Index].TrimEnd('/').Split('/')[^1];
            var id = collection switch
            {
                "workflows" => await fixture.StartSelfTestAsync(delayMs: 0),
                "threads" => await CreateThreadAsync(fixture, page),
                _ => throw new InvalidOperationException(
                    $"Route '{template}' has a parameter after '{collection}'; tell AppRoutes.ResolveAsync how to make a real one."),
            };
            path = path.Replace(parameter.Value, Uri.EscapeDataString(id));
        }

        return path;
    }

    // Threads are private: the page's own person creates it, so the page may show it.
    private static async Task<string> CreateThreadAsync(WebAppFixture fixture, IPage page)
    {
        using var api = await fixture.ApiFor(page);
        using var response = await api.PostAsJsonAsync("/api/threads", new { title = "Layout check on a phone" })
            .WaitAsync(WebAppFixture.RequestTimeout);
        Assert.True(response.IsSuccessStatusCode, $"creating a thread answered {(int)response.StatusCode}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        // A thread with a conversation in it, as people see them.
        using var command = await api.PostAsJsonAsync("/api/commands", new { text = "what can you do", threadId = id })
            .WaitAsync(WebAppFixture.RequestTimeout);
        Assert.True(command.IsSuccessStatusCode, $"a command in the thread answered {(int)command.StatusCode}");

        return id;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
