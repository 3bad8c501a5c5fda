using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Threads;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

/// <summary>The store as other code calls it: timestamps from TimeProvider, concurrency, unknown ids.</summary>
[Collection(RedisCollection.Name)]
public sealed class ThreadStoreTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _root = TestKeys.NewPrefix();

    private string _prefix => _root + "threads:";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    // One time box per test (xunit makes an instance per test), so a hung Redis call fails the test.
    private readonly CancellationTokenSource _timeout = new(Timeout);

    private CancellationToken Token => _timeout.Token;

    public async Task DisposeAsync()
    {
        _timeout.Dispose();
        await ThreadsTestHost.DeleteKeysAsync(redis, _prefix);
    }

    [Fact]
    public async Task Timestamps_come_from_the_time_provider()
    {
        var store = NewStore();
        var created = await store.CreateAsync("timed", Token);
        _time.Advance(TimeSpan.FromMinutes(5));

        var message = await store.AppendAsync(created.Id, new NewMessage(MessageRole.Hub, "later"), Token);

        Assert.Equal(_time.Start, created.CreatedAt);
        Assert.Equal(_time.Start.AddMinutes(5), message!.Timestamp);
        var thread = await store.GetAsync(created.Id, Token);
        Assert.Equal(_time.Start, thread!.CreatedAt);
        Assert.Equal(_time.Start.AddMinutes(5), thread.UpdatedAt);
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_sequences_and_respect_the_limit()
    {
        var store = NewStore(o => o.MaxMessagesPerThread = 10);
        var thread = await store.CreateAsync(null, Token);

        var appended = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            store.AppendAsync(thread.Id, new NewMessage(MessageRole.User, $"m{i}"), Token))).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), appended.Select(m => m!.Sequence).Order());
        var stored = await store.GetAsync(thread.Id, Token);
        Assert.Equal(10, stored!.MessageCount);
        Assert.Equal(40, stored.LastSequence);
        var page = await store.ListMessagesAsync(thread.Id, new PageRequest(1, 100), Token);
        Assert.Equal(Enumerable.Range(31, 10).Select(i => (long)i), page!.Items.Select(m => m.Sequence));
    }

    [Fact]
    public async Task Concurrent_creates_never_keep_more_than_the_limit()
    {
        var store = NewStore(o => o.MaxThreads = 3);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => store.CreateAsync($"t{i}", Token))).WaitAsync(Timeout);

        var page = await store.ListAsync(new PageRequest(1, 100), Token);
        Assert.Equal(3, page.Total);
        Assert.Equal(3, page.Items.Count);
        var threadHashes = (await ThreadsTestHost.KeysAsync(redis, _prefix))
            .Count(key => key.StartsWith(_prefix + "{threads}:thread:") && !key.EndsWith(":messages"));
        Assert.Equal(3, threadHashes);
    }

    [Theory]
    [InlineData("thr_00000000000000000000000000000000")]
    [InlineData("thr_0:messages")]
    [InlineData("")]
    public async Task Unknown_or_malformed_ids_give_null_or_false(string id)
    {
        var store = NewStore();

        Assert.Null(await store.GetAsync(id, Token));
        Assert.Null(await store.AppendAsync(id, new NewMessage(MessageRole.User, "hello"), Token));
        Assert.Null(await store.ListMessagesAsync(id, new PageRequest(1, 10), Token));
        Assert.False(await store.DeleteAsync(id, Token));
        Assert.Empty(await ThreadsTestHost.KeysAsync(redis, _prefix));
    }

    [Fact]
    public async Task Invalid_content_throws_naming_the_field_and_stores_nothing()
    {
        var store = NewStore(o => o.MaxMessageLength = 10);
        var thread = await store.CreateAsync("strict", Token);

        var error = await Assert.ThrowsAsync<ThreadValidationException>(() =>
            store.AppendBatchAsync(thread.Id, [new NewMessage(MessageRole.User, "ok"), new NewMessage(MessageRole.Hub, "far too long")], Token));

        Assert.Equal(["messages[1].text"], error.Errors.Keys);
        Assert.Equal(0, (await store.GetAsync(thread.Id, Token))!.LastSequence);
    }

    private ThreadStore NewStore(Action<ThreadOptions>? configure = null)
    {
        var options = new ThreadOptions();
        configure?.Invoke(options);
        return new ThreadStore(redis.Connection, Options.Create(options), Options.Create(new RedisKeyOptions { KeyPrefix = _root }), _time,
            NullLogger<ThreadStore>.Instance);
    }
}
