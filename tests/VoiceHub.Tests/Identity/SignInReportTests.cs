using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>GET /api/me answers who the caller is; POST /api/sign-ins puts web sign-ins into the audit trail, from the web's key only.</summary>
[Collection(RedisCollection.Name)]
public sealed class SignInReportTests(RedisServerFixture redis) : ApiTest(redis)
{
    private const int RequestBudget = 3;

    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Workflows:RunWorkers"] = "false",
        ["VoiceHub:RateLimiting:PermitLimit"] = RequestBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Sign_in_reports_are_not_held_to_the_frontend_keys_request_budget()
    {
        using var frontend = Callers.Frontend(Api);

        for (var i = 0; i < RequestBudget * 3; i++)
        {
            using var response = await frontend.PostAsJsonAsync("/api/sign-ins", new SignInReport(SignInMethods.Key, false, Client: "203.0.113.9"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    [Fact]
    public async Task Me_answers_the_key_owner_role_and_key_name()
    {
        var (secret, keyId) = await Callers.CreateKeyAsync(Api, "viewer", "vera");
        using var vera = TestIdentity.SignIn(Api.CreateClient(), secret);

        var me = await vera.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("vera", me.GetProperty("id").GetString());
        Assert.Equal("viewer", me.GetProperty("role").GetString());
        Assert.Equal("viewer of vera", me.GetProperty("name").GetString());
        Assert.Equal(keyId, me.GetProperty("keyId").GetString());
        Assert.DoesNotContain(secret, me.ToString());
    }

    [Fact]
    public async Task Me_refuses_an_unknown_key_and_the_frontend_key_acting_for_nobody()
    {
        using var stranger = TestIdentity.SignIn(Api.CreateClient(), "vh_" + new string('x', 43));
        using var frontend = Callers.Frontend(Api);

        using var unknown = await stranger.GetAsync("/api/me");
        using var bare = await frontend.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(bare, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Sign_in_reports_from_the_web_are_audited_once_with_method_principal_and_client()
    {
        using var frontend = Callers.Frontend(Api);

        using var ok = await frontend.PostAsJsonAsync("/api/sign-ins", new SignInReport(SignInMethods.Key, true, "alice", "operator", "203.0.113.7"));
        using var failed = await frontend.PostAsJsonAsync("/api/sign-ins", new SignInReport(SignInMethods.Link, false, Client: "203.0.113.8"));

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        var entries = (await Client.GetFromJsonAsync<JsonElement>("/api/audit?action=SIGN-IN")).GetProperty("items").EnumerateArray().ToList();
        var success = Assert.Single(entries, e => e.GetProperty("action").GetString() == "SIGN-IN key");
        Assert.Equal("alice", success.GetProperty("principal").GetString());
        Assert.Equal("operator", success.GetProperty("role").GetString());
        Assert.Equal(200, success.GetProperty("status").GetInt32());
        Assert.Equal("203.0.113.7", success.GetProperty("client").GetString());
        var failure = Assert.Single(entries, e => e.GetProperty("action").GetString() == "SIGN-IN link");
        Assert.Equal(401, failure.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, failure.GetProperty("principal").ValueKind);
        var all = (await Client.GetFromJsonAsync<JsonElement>("/api/audit?action=sign-ins")).GetProperty("items");
        Assert.Equal(0, all.GetArrayLength());
    }

    [Fact]
    public async Task Only_the_web_key_acting_for_nobody_may_report_sign_ins()
    {
        using var admin = Api.CreateClient();
        using var frontendForAdmin = Callers.Frontend(Api, "mallory", "admin");
        var forged = new SignInReport(SignInMethods.Dashboard, true, "mallory", "admin", "198.51.100.1");

        using var asAdmin = await admin.PostAsJsonAsync("/api/sign-ins", forged);
        using var asUser = await frontendForAdmin.PostAsJsonAsync("/api/sign-ins", forged);

        await ProblemAssert.IsProblemAsync(asAdmin, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(asUser, HttpStatusCode.Forbidden);
        // The refusals are audited as requests ("POST /api/sign-ins", 403); no sign-in line was written.
        var entries = (await Client.GetFromJsonAsync<JsonElement>("/api/audit?action=SIGN-IN")).GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString()!.StartsWith("SIGN-IN ", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(403, e.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("{\"method\": \"password\", \"succeeded\": false}", "method")]
    [InlineData("{\"method\": \"key\", \"succeeded\": true, \"principal\": \"alice\", \"role\": \"root\"}", "role")]
    [InlineData("{\"method\": \"key\", \"succeeded\": false, \"principal\": \"voicehub:keys:*\\n\"}", "principal")]
    [InlineData("{\"method\": \"key\", \"succeeded\": false, \"client\": \"not an address\"}", "client")]
    public async Task Malformed_sign_in_reports_are_400_naming_the_field(string body, string field)
    {
        using var frontend = Callers.Frontend(Api);

        using var response = await frontend.PostAsync("/api/sign-ins", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_openapi_document_declares_bearer_and_api_key_security()
    {
        using var anonymous = TestIdentity.SignIn(Api.CreateClient(), null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }
}
