using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Identity;

[Collection(RedisCollection.Name)]
public sealed class ApiKeyTests(RedisServerFixture redis) : ApiTest(redis)
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override Dictionary<string, string?> Settings() => new() { ["Logging:LogLevel:Default"] = "Trace" };

    protected override ApiFactory CreateApi() => new(Redis, Settings(), services => services.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task A_created_key_is_vh_prefixed_random_and_signs_its_owner_in()
    {
        var (secret, id) = await Callers.CreateKeyAsync(Api, "operator", "alice");
        var (other, _) = await Callers.CreateKeyAsync(Api, "operator", "alice");
        using var alice = TestIdentity.SignIn(Api.CreateClient(), secret);

        using var started = await alice.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 1 } });

        Assert.Matches("^vh_[A-Za-z0-9_-]{43}$", secret);
        Assert.NotEqual(secret, other);
        Assert.StartsWith("key_", id);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
    }

    [Fact]
    public async Task The_secret_never_appears_in_redis_logs_or_later_answers()
    {
        var (secret, id) = await Callers.CreateKeyAsync(Api, "viewer", "bob");
        using var bob = TestIdentity.SignIn(Api.CreateClient(), secret);
        using var list = await bob.GetAsync("/api/keys");
        var listed = await list.Content.ReadAsStringAsync();
        var all = await Client.GetStringAsync("/api/keys");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain(secret, all);
        Assert.DoesNotContain("secret", listed);
        Assert.DoesNotContain(await RedisTextAsync(), text => text.Contains(secret) || text.Contains(secret[3..]));
        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, message => message.Contains(secret[3..]));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var (secret, id) = await Callers.CreateKeyAsync(Api, "viewer", "carol");
        using var carol = TestIdentity.SignIn(Api.CreateClient(), secret);
        using var before = await carol.GetAsync("/api/workflows");

        using var revoke = await carol.DeleteAsync($"/api/keys/{id}");
        using var after = await carol.GetAsync("/api/workflows");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Others_see_and_revoke_only_their_own_keys_and_someone_elses_key_is_404()
    {
        var (_, daveKey) = await Callers.CreateKeyAsync(Api, "operator", "dave");
        using var erin = await Callers.WithRoleAsync(Api, "operator", "erin");

        var erinsList = await erin.GetFromJsonAsync<JsonElement>("/api/keys?owner=dave");
        var adminsList = await Client.GetFromJsonAsync<JsonElement>("/api/keys");
        using var revoke = await erin.DeleteAsync($"/api/keys/{daveKey}");

        Assert.All(erinsList.GetProperty("items").EnumerateArray(), k => Assert.Equal("erin", k.GetProperty("owner").GetString()));
        Assert.Equal(2, adminsList.GetProperty("total").GetInt64());
        await ProblemAssert.IsProblemAsync(revoke, HttpStatusCode.NotFound);
        using var stillThere = await Client.DeleteAsync($"/api/keys/{daveKey}");
        Assert.Equal(HttpStatusCode.NoContent, stillThere.StatusCode);
    }

    [Fact]
    public async Task Keys_are_created_up_to_ones_own_role_and_only_for_oneself()
    {
        using var viewer = await Callers.WithRoleAsync(Api, "viewer", "frank");

        using var own = await viewer.PostAsJsonAsync("/api/keys", new { name = "laptop", role = "viewer" });
        using var higher = await viewer.PostAsJsonAsync("/api/keys", new { name = "sneaky", role = "admin" });
        using var forOther = await viewer.PostAsJsonAsync("/api/keys", new { name = "gift", role = "viewer", owner = "grace" });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal("frank", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("owner").GetString());
        Assert.Contains("'viewer'", (await ProblemAssert.IsProblemAsync(higher, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Contains("admin", (await ProblemAssert.IsProblemAsync(forOther, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{ "role": "viewer" }""", "name")]
    [InlineData("""{ "name": "x", "role": "root" }""", "role")]
    [InlineData("""{ "name": "x", "role": "frontend" }""", "role")]
    [InlineData("""{ "name": "x", "role": "viewer", "expiresInDays": 0 }""", "expiresInDays")]
    [InlineData("""{ "name": "x", "role": "viewer", "expiresInDays": 100000 }""", "expiresInDays")]
    public async Task Invalid_key_requests_get_400_naming_the_field(string body, string field)
    {
        using var response = await Client.PostAsync("/api/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], ProblemAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task A_key_past_its_expiry_is_refused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = new ApiFactory(Redis, null, services => services.AddSingleton<TimeProvider>(time));
        using var admin = api.CreateClient();
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "short", role = "viewer", expiresInDays = 1 });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        using var client = TestIdentity.SignIn(api.CreateClient(), secret);
        using var before = await client.GetAsync("/api/templates");

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var after = await client.GetAsync("/api/templates");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>Every key name and value this API wrote, whatever the type.</summary>
    private async Task<List<string>> RedisTextAsync()
    {
        var db = Redis.Connection.GetDatabase();
        var texts = new List<string>();
        foreach (var key in await Redis.KeysAsync(Api.KeyPrefix))
        {
            texts.Add(key);
            var type = await db.KeyTypeAsync(key);
            texts.AddRange(type switch
            {
                RedisType.String => [(string?)await db.StringGetAsync(key) ?? ""],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name.ToString(), e.Value.ToString() }),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => v.ToString()),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(v => v.ToString()),
                RedisType.List => (await db.ListRangeAsync(key)).Select(v => v.ToString()),
                RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => v.Value.ToString())),
                _ => [],
            });
        }

        return texts;
    }
}

/// <summary>Keeps every log message the API writes, for tests that look for what must never be logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Capture(_messages);

    public void Dispose()
    {
    }

    private sealed class Capture(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + " " + exception + " " + state);
    }
}
