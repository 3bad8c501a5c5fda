using System.Net;
using System.Net.Http.Json;

namespace VoiceHub.LoadTest;

/// <summary>One thing a simulated user does, with its weight (how often it is picked relative to the others).</summary>
internal sealed record Scenario(string Name, int Weight, Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> Send);

/// <summary>The guide's locust tasks: create workflow ×1, list workflows ×2, command ×1, metrics ×1, templates ×1.</summary>
internal static class Scenarios
{
    public static async Task<IReadOnlyList<Scenario>> CreateAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var scenarios = new List<Scenario>
        {
            new("create workflow", 1, (http, ct) => http.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 10 } }, ct)),
            new("list workflows", 2, (http, ct) => http.GetAsync("/api/workflows?limit=20", ct)),
            new("metrics", 1, (http, ct) => http.GetAsync("/api/metrics", ct)),
            new("templates", 1, (http, ct) => http.GetAsync("/api/templates", ct)),
        };

        // Commands arrive in another change; use what this build has, or leave the scenario out.
        foreach (var path in new[] { "/api/commands", "/api/commands/parse" })
        {
            using var probe = await client.PostAsJsonAsync(path, new { text = "run the self test" }, cancellationToken);
            if (probe.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
            {
                scenarios.Add(new Scenario("command", 1, (http, ct) => http.PostAsJsonAsync(path, new { text = "run the self test" }, ct)));
                Console.WriteLine($"Command scenario: POST {path}");
                return scenarios;
            }
        }

        Console.WriteLine("Command scenario skipped: neither POST /api/commands nor /api/commands/parse exists in this build.");
        return scenarios;
    }

    public static Scenario Pick(IReadOnlyList<Scenario> scenarios, Random random)
    {
        var roll = random.Next(scenarios.Sum(s => s.Weight));
        foreach (var scenario in scenarios)
        {
            if ((roll -= scenario.Weight) < 0)
            {
                return scenario;
            }
        }

        return scenarios[^1];
    }
}
