using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>Reads of lists, events and artifacts, and the trimming of expired index entries.</summary>
public sealed partial class WorkflowStore
{
    /// <summary>A page of workflows, newest first, optionally of one status.</summary>
    public async Task<PagedResult<WorkflowState>> ListAsync(PageRequest page, string? status)
    {
        var index = status is null ? Keys.Index : Keys.StatusIndex(status);
        var ids = await Db.SortedSetRangeByRankAsync(index, page.Offset, page.Offset + page.Limit - 1, Order.Descending);
        var total = await Db.SortedSetLengthAsync(index);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(Keys.Workflow(id!))).ToList();
        batch.Execute();
        var items = new List<WorkflowState>(ids.Length);
        foreach (var read in reads)
        {
            if (WorkflowDocument.Read(await read) is { } state)
            {
                items.Add(state);
            }
        }

        return new PagedResult<WorkflowState>(items, page.Page, page.Limit, total);
    }

    /// <summary>Events of one workflow after <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<WorkflowEvent>> ReadEventsAsync(string id, long afterSequence) =>
        [.. Unpack(await Db.StreamRangeAsync(Keys.Events(id))).Select(e => e.Event).Where(e => e.Sequence > afterSequence)];

    /// <summary>
    /// Events of one workflow's stream after the entry <paramref name="afterEntryId"/> (exclusive); the
    /// events of one transition share an entry (and its id).
    /// </summary>
    public async Task<IReadOnlyList<Events.EventEntry>> ReadEventEntriesAsync(string id, string afterEntryId, int count = 500) =>
        [.. Unpack(await Db.StreamRangeAsync(Keys.Events(id), minId: "(" + afterEntryId, count: count))];

    /// <summary>
    /// Stream entries as events: an entry holds <c>seq</c> (of its first event) and one <c>event</c>
    /// field per event of a transition, numbered on from there (a global stream entry also names the
    /// workflow in <c>id</c>). Entries written when each held one event read the same way.
    /// </summary>
    private static IEnumerable<Events.EventEntry> Unpack(StreamEntry[] entries)
    {
        foreach (var entry in entries)
        {
            var sequence = 0L;
            var index = 0;
            foreach (var field in entry.Values)
            {
                if (field.Name == "seq")
                {
                    sequence = (long)field.Value;
                }
                else if (field.Name == "event")
                {
                    yield return new Events.EventEntry(entry.Id.ToString(), ToEvent(field.Value, sequence++), index++);
                }
            }
        }
    }

    /// <summary>Most entries of the global stream one read returns.</summary>
    public const int GlobalPage = 500;

    /// <summary>
    /// Events of the global stream's entries after the entry <paramref name="entryId"/>, or from it on
    /// when <paramref name="including"/>; <c>Full</c> when the read stopped at <see cref="GlobalPage"/> entries.
    /// </summary>
    public async Task<(IReadOnlyList<Events.EventEntry> Events, bool Full)> ReadGlobalEntriesAsync(string entryId, bool including = false)
    {
        var entries = await Db.StreamRangeAsync(Keys.GlobalEvents, minId: including ? entryId : "(" + entryId, count: GlobalPage);
        return ([.. Unpack(entries)], entries.Length == GlobalPage);
    }

    /// <summary>Id of the newest entry of the global event stream, or "0-0".</summary>
    public async Task<string> LastGlobalEventIdAsync()
    {
        var last = await Db.StreamRangeAsync(Keys.GlobalEvents, count: 1, messageOrder: Order.Descending);
        return last.Length == 0 ? "0-0" : last[0].Id.ToString();
    }

    public async Task SaveArtifactAsync(string id, string name, string contentType, ReadOnlyMemory<byte> content)
    {
        await Db.HashSetAsync(Keys.Artifacts(id), [
            new HashEntry(name, content),
            new HashEntry(name + ":type", contentType),
        ]);
    }

    public async Task<(byte[] Content, string ContentType)?> GetArtifactAsync(string id, string name)
    {
        if (!WorkflowKeys.IsWorkflowId(id) || !WorkflowKeys.IsArtifactName(name))
        {
            return null;
        }

        var values = await Db.HashGetAsync(Keys.Artifacts(id), [name, name + ":type"]);
        return values[0].IsNull ? null : ((byte[])values[0]!, values[1].IsNull ? "application/octet-stream" : values[1].ToString());
    }

    /// <summary>Removes index entries whose workflow expired (retention), oldest first, a batch at a time.</summary>
    public async Task<int> TrimIndexesAsync(int batchSize = 200)
    {
        var cutoff = time.GetUtcNow().Subtract(_options.Retention).ToUnixTimeMilliseconds();
        var removed = 0;
        foreach (var index in WorkflowStatus.All.Select(Keys.StatusIndex).Prepend(Keys.Index))
        {
            var old = await Db.SortedSetRangeByScoreAsync(index, double.NegativeInfinity, cutoff, take: batchSize);
            foreach (var id in old)
            {
                if (!await Db.KeyExistsAsync(Keys.Workflow(id!)))
                {
                    removed += await Db.SortedSetRemoveAsync(index, id) ? 1 : 0;
                }
            }
        }

        return removed;
    }
}
