using System.Net;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>
/// Every route of the API (read from EndpointDataSource, so new routes are covered) against every
/// kind of caller: strangers get 401, callers below the route's role (and the frontend's key
/// acting for nobody) 403, everyone else gets past authorization (ids that do not exist: 404, no
/// body: 400 — what a route does with a real request is its own tests' business).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RouteRoleMatrixTests(RedisServerFixture redis) : ApiTest(redis)
{
    private static readonly string[] Callers = ["anonymous", "viewer", "operator", "other operator", "admin", "frontend alone", "frontend for an operator"];

    protected override Dictionary<string, string?> Settings() => new() { ["VoiceHub:Workflows:RunWorkers"] = "false" };

    [Fact]
    public async Task Every_route_answers_every_kind_of_caller_as_its_policy_says()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = TestIdentity.SignIn(Api.CreateClient(), null),
            ["viewer"] = await Identity.Callers.WithRoleAsync(Api, "viewer", "vera"),
            ["operator"] = await Identity.Callers.WithRoleAsync(Api, "operator", "olga"),
            ["other operator"] = await Identity.Callers.WithRoleAsync(Api, "operator", "otto"),
            ["admin"] = Api.CreateClient(),
            ["frontend alone"] = Identity.Callers.Frontend(Api),
            ["frontend for an operator"] = Identity.Callers.Frontend(Api, "browser:0123", "operator"),
        };
        var failures = new List<string>();
        foreach (var route in ApiRoute.All(Api.Services).Where(r => !r.Anonymous))
        {
            foreach (var caller in Callers)
            {
                var status = await StatusAsync(clients[caller], route);
                var expected = Expected(caller, route.Policy);
                if (expected is { } refused ? status != refused : status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} as {caller}: {(int)status}, expected {(expected is null ? "past authorization" : (int)expected)}");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static HttpStatusCode? Expected(string caller, string policy) => caller switch
    {
        "anonymous" => HttpStatusCode.Unauthorized,
        // Sign-in reports: only the web's own key, acting for nobody.
        _ when policy == "frontend" => caller == "frontend alone" ? null : HttpStatusCode.Forbidden,
        "frontend alone" => HttpStatusCode.Forbidden,
        _ => Rank(caller) >= Rank(policy) ? null : HttpStatusCode.Forbidden,
    };

    private static int Rank(string roleOrCaller) => roleOrCaller switch
    {
        "viewer" => 1,
        "operator" or "other operator" or "frontend for an operator" => 2,
        "admin" => 3,
        _ => throw new ArgumentException($"No rank for '{roleOrCaller}'."),
    };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, ApiRoute route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.SamplePath);
        // Event streams answer their headers and then stay open: the status is all this test reads.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response.StatusCode;
    }
}
