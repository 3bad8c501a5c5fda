using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Hostile;

/// <summary>
/// Every route of the API, found from its endpoint data source, is sent hostile input: ids spelled
/// like other Redis keys or paths, odd Unicode, malformed and mistyped JSON, bad paging and headers.
/// Nothing may answer 5xx, and every 4xx must be a ProblemDetails with a detail a person can act on.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HostileInputTests(RedisServerFixture redis) : ApiTest(redis)
{
    /// <summary>Route values that have reached Redis key names, paths or parsers unchecked.</summary>
    public static readonly string[] HostileIds =
    [
        "seq", "index", "1:events", "idem:x", "..%2F..%2Fetc%2Fpasswd", "%01", "%E2%80%AE", "%ED%A0%80", "a%20b", "*", "-1",
        "99999999999999999999999", new string('9', 300), "report.md:type", "1%0D%0AX-Injected:%201",
    ];

    public static readonly string[] HostileBodies =
    [
        "{", "[]", "null", "\"text\"", "{\"templateId\": 5}", "{\"text\": [1,2]}", "{\"items\": {}}", "{\"messages\": 7}",
        "{\"templateId\":\"self-test\",\"inputs\":{\"delay\":\"\\ud800\"}}", "{\"text\":\"\\udc00 run the tests\"}",
        "{\"title\":\"" + new string('x', 20_000) + "\"}", "{\"role\":\"user\",\"text\":\"\\ud800\"}",
        "{\"items\":[{\"templateId\":\"self-test\",\"inputs\":{\"delay\":0}},{\"templateId\":\"self-test\",\"inputs\":{\"delay\":\"\\ud800\"}}]}",
    ];

    public static readonly string[] HostileQueries =
    [
        "?page=2147483647", "?page=2147483647&limit=100", "?limit=-1", "?page=abc", "?status=%00", "?limit=99999999999",
        "?category=%ED%A0%80",
    ];

    [Fact]
    public async Task Hostile_route_values_never_get_a_5xx_and_every_4xx_has_a_detail()
    {
        var failures = new List<string>();
        foreach (var (method, template) in Routes())
        {
            foreach (var id in HostileIds)
            {
                var path = Fill(template, id);
                await CheckAsync(method, path, method == "GET" || method == "DELETE" ? null : "{}", failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Hostile_bodies_never_get_a_5xx_and_every_4xx_has_a_detail()
    {
        var failures = new List<string>();
        var thread = await CreateThreadAsync();
        foreach (var (method, template) in Routes().Where(r => r.Method is "POST" or "PUT" or "PATCH"))
        {
            foreach (var body in HostileBodies)
            {
                await CheckAsync(method, Fill(template, thread), body, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Hostile_queries_never_get_a_5xx_and_lists_past_the_end_are_empty()
    {
        var failures = new List<string>();
        var thread = await CreateThreadAsync();
        foreach (var (_, template) in Routes().Where(r => r.Method == "GET" && !r.Template.EndsWith("events", StringComparison.Ordinal)))
        {
            foreach (var query in HostileQueries)
            {
                var response = await CheckAsync("GET", Fill(template, thread) + query, null, failures);
                if (response is { StatusCode: HttpStatusCode.OK } ok && query.StartsWith("?page=2147483647", StringComparison.Ordinal)
                    && JsonDocument.Parse(ok.Body).RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("items", out var items) && items.GetArrayLength() > 0)
                {
                    failures.Add($"GET {template}{query}: a page far past the end returned {items.GetArrayLength()} items");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1-1-1")]
    [InlineData("99999999999999999999-0")]
    [InlineData("\u00e9t\u00e9")]
    [InlineData("1764489600000-0.")] // the all-workflows feed's ids are entry.index
    [InlineData("1764489600000-0.x")]
    [InlineData("1764489600000-0.-1")]
    [InlineData("1764489600000-0.1.2")]
    [InlineData("1764489600000-0.99999999999")]
    [InlineData(".1")]
    public async Task A_malformed_last_event_id_is_a_400_not_a_cut_stream(string lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        using var cts = new CancellationTokenSource(Patience.Request);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response);
    }

    [Fact]
    public async Task Unmatched_routes_and_wrong_methods_are_problems_with_a_detail()
    {
        using var missing = await Client.GetAsync("/api/nothing-here");
        using var wrongMethod = await Client.PutAsync("/api/workflows", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await AssertProblemAsync(missing);
        await AssertProblemAsync(wrongMethod);
    }

    [Fact]
    public async Task A_batch_with_a_bad_item_creates_nothing()
    {
        using var before = await Client.GetAsync("/api/workflows?limit=1");
        var total = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64();

        using var response = await SendAsync("POST", "/api/workflows/batch", HostileBodies[^1]);
        using var after = await Client.GetAsync("/api/workflows?limit=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(total, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64());
    }

    private IEnumerable<(string Method, string Template)> Routes() =>
        Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct();

    private static string Fill(string template, string value) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", value);

    private async Task<string> CreateThreadAsync()
    {
        using var response = await SendAsync("POST", "/api/threads", "{}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var cts = new CancellationTokenSource(Patience.Request);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
    }

    private async Task<(HttpStatusCode StatusCode, string Body)?> CheckAsync(string method, string path, string? body, List<string> failures)
    {
        using var response = await SendAsync(method, path, body);
        var what = $"{method} {path} {(body is null ? "" : body.Length > 60 ? body[..60] + "…" : body)}";
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{what}: {(int)response.StatusCode}");
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return null; // a live stream of a real resource; its status is all there is to check
        }

        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400 && !HasDetail(response, text))
        {
            failures.Add($"{what}: {(int)response.StatusCode} without a ProblemDetails detail: {text}");
        }

        return (response.StatusCode, text);
    }

    private static bool HasDetail(HttpResponseMessage response, string text)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        var root = JsonDocument.Parse(text).RootElement;
        return root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(HasDetail(response, text), $"{(int)response.StatusCode} without a detail: {text}");
    }
}
