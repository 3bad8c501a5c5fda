using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>Only the web frontend's key may say whom it acts for; from anyone else the headers change nothing.</summary>
[Collection(RedisCollection.Name)]
public sealed class OnBehalfOfTests(RedisServerFixture redis) : ApiTest(redis)
{
    private static readonly object SelfTest = new { templateId = "self-test", inputs = new { delay = 1 } };

    [Fact]
    public async Task The_frontend_acting_for_a_user_runs_as_that_user_with_that_role()
    {
        using var operatorUser = Callers.Frontend(Api, "browser:olivia", "operator");
        using var viewerUser = Callers.Frontend(Api, "browser:victor", "viewer");

        using var started = await operatorUser.PostAsJsonAsync("/api/workflows", SelfTest);
        using var refused = await viewerUser.PostAsJsonAsync("/api/workflows", SelfTest);
        var keys = await operatorUser.GetFromJsonAsync<JsonElement>("/api/keys");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Contains("'operator'", (await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(0, keys.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Web_users_cannot_mint_api_keys_even_as_admins()
    {
        using var webAdmin = Callers.Frontend(Api, "browser:anna", "admin");

        using var response = await webAdmin.PostAsJsonAsync("/api/keys", new { name = "keep forever", role = "viewer" });

        Assert.Contains("not created through the web", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Stolen_on_behalf_of_headers_from_a_viewer_key_change_nothing()
    {
        using var viewer = await Callers.WithRoleAsync(Api, "viewer", "mallory");
        Callers.ActFor(viewer, "bootstrap-admin", "admin");

        using var start = await viewer.PostAsJsonAsync("/api/workflows", SelfTest);
        using var key = await viewer.PostAsJsonAsync("/api/keys", new { name = "escalate", role = "admin" });
        using var created = await viewer.PostAsJsonAsync("/api/keys", new { name = "mine", role = "viewer" });

        await ProblemAssert.IsProblemAsync(start, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(key, HttpStatusCode.Forbidden);
        Assert.Equal("mallory", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("owner").GetString());
    }

    [Fact]
    public async Task The_frontend_key_alone_may_do_nothing_and_is_told_what_to_send()
    {
        using var frontend = Callers.Frontend(Api);

        using var response = await frontend.GetAsync("/api/workflows");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(TestIdentity.OnBehalfOfHeader, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("someone", "frontend")]
    [InlineData("someone", "superuser")]
    [InlineData("someone", "")]
    [InlineData("bad id with spaces", "viewer")]
    public async Task The_frontend_naming_an_impossible_user_or_role_gets_401(string user, string role)
    {
        using var frontend = Callers.Frontend(Api, user, role);

        using var response = await frontend.GetAsync("/api/workflows");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-VoiceHub-On-Behalf-Of", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task X_VoiceHub_User_is_not_trusted()
    {
        TestIdentity.SignIn(Client, null);
        Client.DefaultRequestHeaders.Add("X-VoiceHub-User", "bootstrap-admin");

        using var response = await Client.GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
