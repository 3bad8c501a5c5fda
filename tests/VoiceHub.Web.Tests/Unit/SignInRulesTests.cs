using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoiceHub.Web.Identity;

namespace VoiceHub.Web.Tests.Unit;

/// <summary>The rules of signing in that need no server: one-time links, throttling, return URLs, OIDC roles, settings.</summary>
public sealed class SignInRulesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-31T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private SignInLinks Links(TimeSpan? lifetime = null, List<string>? printed = null)
    {
        var options = Options.Create(new WebAuthOptions { SignInLink = { Enabled = true, Lifetime = lifetime ?? TimeSpan.FromMinutes(15) } });
        return new SignInLinks(options, _time, new ListLogger(printed ?? [])) { BaseUrl = "http://localhost:5490" };
    }

    [Fact]
    public void A_printed_link_signs_in_once()
    {
        var printed = new List<string>();
        var links = Links(printed: printed);

        Assert.True(links.EnsureOutstanding());
        var token = TokenOf(Assert.Single(printed));

        Assert.True(links.TryConsume(token));
        Assert.False(links.TryConsume(token));
    }

    [Fact]
    public void An_expired_link_is_refused_and_a_new_one_printed_on_the_next_visit()
    {
        var printed = new List<string>();
        var links = Links(TimeSpan.FromMinutes(15), printed);
        links.EnsureOutstanding();
        var token = TokenOf(printed[0]);

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.False(links.TryConsume(token));
        Assert.True(links.EnsureOutstanding());
        Assert.Equal(2, printed.Count);
        Assert.NotEqual(token, TokenOf(printed[1]));
        Assert.True(links.TryConsume(TokenOf(printed[1])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("forged-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_forged_token_is_refused_and_leaves_the_real_one_working(string forged)
    {
        var printed = new List<string>();
        var links = Links(printed: printed);
        links.EnsureOutstanding();

        Assert.False(links.TryConsume(forged));
        Assert.True(links.TryConsume(TokenOf(printed[0])));
    }

    [Fact]
    public void While_a_link_is_fresh_no_second_one_is_printed()
    {
        var printed = new List<string>();
        var links = Links(printed: printed);

        links.EnsureOutstanding();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(links.EnsureOutstanding());
        Assert.Single(printed);
        Assert.StartsWith("Sign in to VoiceHub at http://localhost:5490/login?t=", printed[0]);
    }

    [Fact]
    public void A_switched_off_link_accepts_nothing()
    {
        var links = new SignInLinks(Options.Create(new WebAuthOptions()), _time, NullLogger<SignInLinks>.Instance) { BaseUrl = "http://localhost" };

        Assert.False(links.EnsureOutstanding());
        Assert.False(links.TryConsume("anything"));
    }

    [Fact]
    public void Failed_sign_ins_past_the_limit_block_that_address_until_the_window_ends()
    {
        var throttle = new SignInThrottle(Options.Create(new WebAuthOptions { FailedSignIns = { PermitLimit = 3, Window = TimeSpan.FromMinutes(5) } }), _time);
        var mallory = IPAddress.Parse("198.51.100.7");
        var alice = IPAddress.Parse("203.0.113.1");

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter(mallory));
            throttle.RecordFailure(mallory);
        }

        Assert.Equal(TimeSpan.FromMinutes(5), throttle.RetryAfter(mallory));
        Assert.Null(throttle.RetryAfter(alice));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(throttle.RetryAfter(mallory));
    }

    [Theory]
    [InlineData("/workflows?page=2", "/workflows?page=2")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/ok\r\nSet-Cookie: x=1", "/")]
    [InlineData("/login?t=abc", "/")]
    [InlineData("/logout", "/")]
    public void Return_urls_stay_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, ReturnUrls.Local(returnUrl));

    [Theory]
    [InlineData(new[] { "viewer", "admin", "operator" }, "admin")]
    [InlineData(new[] { "Reader", "operator" }, "operator")]
    [InlineData(new[] { "Admin", "root" }, null)]
    [InlineData(new string[0], null)]
    public void An_oidc_account_gets_its_highest_hub_role_or_none(string[] claims, string? expected) =>
        Assert.Equal(expected, OidcSignIn.HighestRole(claims));

    [Fact]
    public void Oidc_settings_name_what_is_missing()
    {
        var problems = new WebAuthOptions { Oidc = { Authority = "http://login.example.com/tenant", ClientId = "", ClientSecret = null } }.Problems().ToList();

        Assert.Contains(problems, p => p.Contains("VoiceHub:Auth:Oidc:Authority must use https", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("VoiceHub:Auth:Oidc:ClientId is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("VoiceHub:Auth:Oidc:ClientSecret is required", StringComparison.Ordinal));
        Assert.Empty(new WebAuthOptions { FrontendKey = ValidFrontendKey, Oidc = { Authority = "http://127.0.0.1:8080/", ClientId = "web", ClientSecret = "s" } }.Problems());
        Assert.Empty(new WebAuthOptions { FrontendKey = ValidFrontendKey }.Problems());
    }

    [Theory]
    [InlineData(null, "VoiceHub:Auth:FrontendKey is required")]
    [InlineData(" ", "VoiceHub:Auth:FrontendKey is required")]
    [InlineData("short-key", "VoiceHub:Auth:FrontendKey must be at least 32 characters")]
    public void A_missing_or_short_frontend_key_is_refused_at_start(string? key, string expected) =>
        Assert.Contains(new WebAuthOptions { FrontendKey = key }.Problems(), p => p.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void A_short_dashboard_key_is_refused_at_start()
    {
        var problems = new WebAuthOptions { DashboardKey = "short" }.Problems();

        Assert.Contains(problems, p => p.StartsWith("VoiceHub:Auth:DashboardKey must be at least 32 characters", StringComparison.Ordinal));
    }

    private const string ValidFrontendKey = "frontend-key-of-the-tests-0123456789abcdef";

    private static string TokenOf(string line) => line[(line.IndexOf("?t=", StringComparison.Ordinal) + 3)..].Split(' ')[0];

    private sealed class ListLogger(List<string> lines) : ILogger<SignInLinks>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }
}
