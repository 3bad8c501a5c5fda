using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VoiceHub.ApiService.Identity;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

/// <summary>
/// Tokens of a configured issuer, signed here with a test key (the issuer's metadata is replaced by
/// a static configuration, so no provider is called): valid ones sign in with their role, anything
/// off — issuer, audience, lifetime, signature, role — is a 401.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class JwtTests(RedisServerFixture redis) : ApiTest(redis)
{
    private const string Issuer = "https://issuer.voicehub.test";
    private const string Audience = "voicehub-api";
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("test-signing-key-of-at-least-256-bits-0123456789"));
    private static readonly SymmetricSecurityKey OtherKey = new(Encoding.UTF8.GetBytes("another-signing-key-of-256-bits-or-more-9876543210"));

    protected override Dictionary<string, string?> Settings() => new()
    {
        ["VoiceHub:Auth:Jwt:Authority"] = Issuer,
        ["VoiceHub:Auth:Jwt:Audience"] = Audience,
        ["VoiceHub:Workflows:RunWorkers"] = "false",
    };

    protected override ApiFactory CreateApi() => new(Redis, Settings(), services =>
        services.PostConfigure<JwtBearerOptions>(JwtScheme.Name, options =>
        {
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration { Issuer = Issuer });
            options.TokenValidationParameters.IssuerSigningKey = Key;
        }));

    [Fact]
    public async Task A_valid_token_signs_in_its_subject_with_the_highest_hub_role()
    {
        TestIdentity.SignIn(Client, Token(roles: ["viewer", "operator", "something-else"]));

        using var started = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 1 } });
        using var audit = await Client.GetAsync("/api/keys?owner=someone");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("jane", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task A_viewer_token_may_read_but_not_start()
    {
        TestIdentity.SignIn(Client, Token(roles: ["viewer"]));

        using var read = await Client.GetAsync("/api/workflows");
        using var start = await Client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(start, HttpStatusCode.Forbidden);
    }

    public static TheoryData<string> BadTokens() =>
    [
        Token(issuer: "https://elsewhere.test"),
        Token(audience: "another-api"),
        Token(expires: DateTime.UtcNow.AddHours(-1)),
        Token(key: OtherKey),
        Token(roles: []),
        Token(roles: ["frontend"]),
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Tokens_with_the_wrong_issuer_audience_lifetime_signature_or_role_get_401(string token)
    {
        TestIdentity.SignIn(Client, token);

        using var response = await Client.GetAsync("/api/workflows");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.StartsWith("The token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Hub_keys_still_work_beside_tokens()
    {
        using var response = await Api.CreateClient().GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Token(
        string issuer = Issuer, string audience = Audience, DateTime? expires = null, SecurityKey? key = null, string[]? roles = null)
    {
        var end = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = end.AddHours(-1),
            NotBefore = end.AddHours(-1),
            Expires = end,
            Claims = new Dictionary<string, object> { ["sub"] = "jane", ["roles"] = roles ?? ["operator"] },
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
