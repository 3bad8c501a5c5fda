using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Threads;

/// <summary>
/// Conversation memory in Redis. Every write is one Lua script, so it is atomic and one round
/// trip; the limits of <see cref="ThreadOptions"/> hold under concurrent writers on any replica.
/// Unknown (or malformed) thread ids give <c>null</c>/<c>false</c>, never an exception; invalid
/// content throws <see cref="ThreadValidationException"/>.
/// </summary>
public sealed partial class ThreadStore(
    IConnectionMultiplexer redis, IOptions<ThreadOptions> options, IOptions<RedisKeyOptions> keys, TimeProvider time, ILogger<ThreadStore> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ThreadOptions _options = options.Value;
    private readonly ThreadKeys _keys = new(keys.Value.For("threads"));

    public ThreadLimits Limits => _options.Limits;

    // StackExchange.Redis commands take no CancellationToken, so every call is awaited through
    // WaitAsync(token): a caller that gives up stops waiting at once even if Redis answers later.
    private IDatabase Database => redis.GetDatabase();

    public Task<ConversationThread> CreateAsync(string? title, CancellationToken cancellationToken = default) =>
        CreateAsync(title, metadata: null, cancellationToken);

    public Task<ConversationThread> CreateAsync(
        string? title, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken = default) =>
        CreateAsync(title, metadata, owner: null, cancellationToken);

    /// <summary>
    /// Creates a thread owned by <paramref name="owner"/> (only it, or an admin, may use it); when
    /// <see cref="ThreadOptions.MaxThreads"/> are kept, the least recently active go first.
    /// </summary>
    public async Task<ConversationThread> CreateAsync(
        string? title, IReadOnlyDictionary<string, string>? metadata, string? owner, CancellationToken cancellationToken = default)
    {
        title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        var errors = new Dictionary<string, string[]>();
        ThreadRules.CheckTitle(title, errors);
        ThreadRules.CheckMap(metadata, "metadata", errors);
        if (errors.Count > 0)
        {
            throw new ThreadValidationException(errors);
        }

        var now = time.GetUtcNow();
        var id = ThreadIds.NewThreadId(now);
        var kept = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata);
        var result = await Database.ScriptEvaluateAsync(
            ThreadScripts.Create,
            [_keys.Index, _keys.Clock, _keys.Thread(id)],
            [id, title ?? "", Format(now), JsonSerializer.Serialize(kept, Json), _options.MaxThreads, _keys.ThreadPrefix, owner ?? ""])
            .WaitAsync(cancellationToken);

        foreach (var evicted in (string[])result!)
        {
            LogEvicted(evicted, _options.MaxThreads);
        }

        return new ConversationThread(id, title, now, now, 0, 0, kept, owner);
    }

    /// <summary>Appends one message; <c>null</c> when the thread does not exist.</summary>
    public async Task<ThreadMessage?> AppendAsync(string threadId, NewMessage message, CancellationToken cancellationToken = default) =>
        (await AppendBatchAsync(threadId, [message], cancellationToken))?.Messages[0];

    /// <summary>
    /// Appends messages in order, all or none, in one round trip; the oldest beyond
    /// <see cref="ThreadOptions.MaxMessagesPerThread"/> are trimmed. <c>null</c> when the thread does not exist.
    /// </summary>
    public async Task<AppendResult?> AppendBatchAsync(
        string threadId, IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Check(messages);
        if (!ThreadIds.IsThreadId(threadId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var bodies = messages.Select(m => new MessageBody(ThreadIds.NewMessageId(now), m.Role, m.Text, m.Data, now)).ToList();
        RedisValue[] values =
        [
            threadId, Format(now), _options.MaxMessagesPerThread,
            .. bodies.Select(body => (RedisValue)JsonSerializer.Serialize(body, Json)),
        ];
        var result = await Database.ScriptEvaluateAsync(
            ThreadScripts.Append,
            [_keys.Index, _keys.Clock, _keys.Thread(threadId), _keys.Messages(threadId)],
            values).WaitAsync(cancellationToken);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var first = (long)parts[0];
        var stored = bodies.Select((b, i) => new ThreadMessage(b.Id, first + i, b.Role, b.Text, b.Data, b.Timestamp)).ToList();
        return new AppendResult(stored, (int)parts[1]);
    }

    public async Task<ConversationThread?> GetAsync(string threadId, CancellationToken cancellationToken = default)
    {
        if (!ThreadIds.IsThreadId(threadId))
        {
            return null;
        }

        var fields = await Database.HashGetAllAsync(_keys.Thread(threadId)).WaitAsync(cancellationToken);
        return fields.Length == 0 ? null : ToThread(threadId, fields);
    }

    /// <summary>One page of threads, most recently active first.</summary>
    public async Task<PagedResult<ConversationThread>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var result = await Database.ScriptEvaluateAsync(
            ThreadScripts.List,
            [_keys.Index],
            [page.Offset, page.Offset + page.Limit - 1, _keys.ThreadPrefix]).WaitAsync(cancellationToken);

        var parts = (RedisResult[])result!;
        var items = new List<ConversationThread>(page.Limit);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var fields = (RedisResult[])parts[i + 1]!;
            var entries = new HashEntry[fields.Length / 2];
            for (var f = 0; f < entries.Length; f++)
            {
                entries[f] = new HashEntry((string)fields[2 * f]!, (RedisValue)fields[2 * f + 1]);
            }

            if (entries.Length > 0)
            {
                items.Add(ToThread((string)parts[i]!, entries));
            }
        }

        return new PagedResult<ConversationThread>(items, page.Page, page.Limit, (long)parts[0]);
    }

    /// <summary>
    /// One page of <paramref name="owner"/>'s threads, most recently active first. Threads keep one
    /// index for all owners (eviction is global), so this reads every thread's owner: at most
    /// <see cref="ThreadOptions.MaxThreads"/> small reads.
    /// </summary>
    public async Task<PagedResult<ConversationThread>> ListAsync(PageRequest page, string owner, CancellationToken cancellationToken = default)
    {
        var ids = await Database.SortedSetRangeByRankAsync(_keys.Index, 0, -1, Order.Descending).WaitAsync(cancellationToken);
        var batch = Database.CreateBatch();
        var owners = ids.Select(id => batch.HashGetAsync(_keys.Thread(id!), "owner")).ToList();
        batch.Execute();
        var mine = new List<string>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (await owners[i].WaitAsync(cancellationToken) == owner)
            {
                mine.Add(ids[i]!);
            }
        }

        var items = new List<ConversationThread>(page.Limit);
        foreach (var id in mine.Skip(page.SkipCount).Take(page.Limit))
        {
            if (await GetAsync(id, cancellationToken) is { } thread)
            {
                items.Add(thread);
            }
        }

        return new PagedResult<ConversationThread>(items, page.Page, page.Limit, mine.Count);
    }

    /// <summary>One page of a thread's messages, oldest first; <c>null</c> when the thread does not exist.</summary>
    public async Task<PagedResult<ThreadMessage>?> ListMessagesAsync(
        string threadId, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (!ThreadIds.IsThreadId(threadId))
        {
            return null;
        }

        var result = await Database.ScriptEvaluateAsync(
            ThreadScripts.ListMessages,
            [_keys.Thread(threadId), _keys.Messages(threadId)],
            [page.Offset, page.Offset + page.Limit - 1]).WaitAsync(cancellationToken);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var items = ((RedisResult[])parts[1]!)
            .Select(json => JsonSerializer.Deserialize<ThreadMessage>((string)json!, Json)!)
            .ToList();
        return new PagedResult<ThreadMessage>(items, page.Page, page.Limit, (long)parts[0]);
    }

    /// <summary>Deletes a thread and its messages; <c>false</c> when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string threadId, CancellationToken cancellationToken = default)
    {
        if (!ThreadIds.IsThreadId(threadId))
        {
            return false;
        }

        var result = await Database.ScriptEvaluateAsync(
            ThreadScripts.Delete,
            [_keys.Index, _keys.Thread(threadId), _keys.Messages(threadId)],
            [threadId]).WaitAsync(cancellationToken);
        return (long)result == 1;
    }

    private void Check(IReadOnlyList<NewMessage> messages)
    {
        var errors = new Dictionary<string, string[]>();
        if (messages.Count == 0 || messages.Count > _options.MaxBatchSize)
        {
            errors["messages"] = [$"a batch holds 1 to {_options.MaxBatchSize} messages; got {messages.Count}."];
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var prefix = messages.Count == 1 ? "" : $"messages[{i}].";
            if (messages[i] is null)
            {
                errors[$"messages[{i}]"] = [$"messages[{i}] must not be null."];
                continue;
            }

            if (!Enum.IsDefined(messages[i].Role))
            {
                errors[prefix + "role"] = [$"{prefix}role {(int)messages[i].Role} is not a known role."];
            }

            ThreadRules.CheckContent(messages[i].Text, messages[i].Data, prefix, _options.MaxMessageLength, errors);
        }

        if (errors.Count > 0)
        {
            throw new ThreadValidationException(errors);
        }
    }

    private static ConversationThread ToThread(string id, HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return new ConversationThread(
            id,
            fields.GetValueOrDefault("title"),
            Parse(fields["createdAt"]),
            Parse(fields["updatedAt"]),
            int.Parse(fields["messageCount"], CultureInfo.InvariantCulture),
            long.Parse(fields["lastSequence"], CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<Dictionary<string, string>>(fields["metadata"], Json) ?? [],
            fields.GetValueOrDefault("owner"));
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted thread {ThreadId}, the least recently active, to stay within {MaxThreads} threads.")]
    private partial void LogEvicted(string threadId, int maxThreads);

    /// <summary>A message as stored, before the script prepends its sequence number.</summary>
    private sealed record MessageBody(
        string Id, MessageRole Role, string Text, IReadOnlyDictionary<string, string>? Data, DateTimeOffset Timestamp);
}
