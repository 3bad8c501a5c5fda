using System.Net;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>Routes ↔ authorization: no route ships without a decision, and every closed route refuses strangers.</summary>
[Collection(RedisCollection.Name)]
public sealed class EndpointAuthorizationTests(RedisServerFixture redis) : ApiTest(redis)
{
    [Fact]
    public void Every_route_names_a_policy_or_is_open_by_decision()
    {
        var routes = ApiRoute.All(Api.Services);
        Assert.NotEmpty(routes);

        var undecided = routes.Where(r => !r.Anonymous && r.Policies.Length == 0 && !ApiRoute.FallbackPending.Contains(r.Pattern)).ToList();
        Assert.True(undecided.Count == 0,
            "These routes name no authorization policy: add .RequireAuthorization(HubPolicies.X) (or AllowAnonymous, and list it in ApiRoute.OpenPatterns): "
            + string.Join(", ", undecided));
        var open = routes.Where(r => r.Anonymous).Select(r => r.Pattern).Distinct().Order().ToArray();
        Assert.Equal(ApiRoute.OpenPatterns.Order().ToArray(), open);
    }

    [Fact]
    public void Every_api_route_needs_a_role()
    {
        var apiRoutes = ApiRoute.All(Api.Services).Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();

        Assert.All(apiRoutes, route => Assert.Contains(route.Policy, new[] { "viewer", "operator", "admin", "frontend" }));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_with_how_to_authenticate_on_every_api_route()
    {
        TestIdentity.SignIn(Client, null);
        foreach (var route in ApiRoute.All(Api.Services).Where(r => !r.Anonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.SamplePath);
            using var response = await Client.SendAsync(request);

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Open_routes_answer_without_credentials()
    {
        TestIdentity.SignIn(Client, null);
        foreach (var path in new[] { "/", "/health", "/alive", "/openapi/v1.json" })
        {
            using var response = await Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Unknown_paths_do_not_tell_strangers_what_exists()
    {
        TestIdentity.SignIn(Client, null);
        using var response = await Client.GetAsync("/api/no-such-route");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("vh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(TestIdentity.AdminKey + "x")]
    public async Task Wrong_keys_get_401_saying_the_key_was_refused(string key)
    {
        TestIdentity.SignIn(Client, key);
        using var response = await Client.GetAsync("/api/workflows");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("unknown, revoked or expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_bootstrap_admin_key_works_as_bearer_and_as_x_api_key()
    {
        using var bearer = await Client.GetAsync("/api/workflows");
        TestIdentity.SignIn(Client, null);
        Client.DefaultRequestHeaders.Add("X-Api-Key", TestIdentity.AdminKey);
        using var header = await Client.GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
    }

    [Fact]
    public async Task Without_a_bootstrap_key_setting_no_string_is_the_admin()
    {
        await using var api = new ApiFactory(Redis, new Dictionary<string, string?> { [TestIdentity.AdminKeySetting] = "" });
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
