using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Workflows;

/// <summary>
/// The all-workflows feed (<c>GET /api/events</c>): the events of one transition share a global
/// stream entry, and each has its own id (<c>entry.index</c>), so a client that reconnects in the
/// middle of a transition gets exactly the events it has not seen.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class AllEventsFeedTests(RedisServerFixture redis) : ApiTest(redis)
{
    [Fact]
    public async Task The_events_of_one_transition_share_an_entry_and_each_has_its_own_id()
    {
        var all = await FinishedWorkflowEventsAsync();

        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        var shared = all.GroupBy(e => EntryOf(e.Id)).First(g => g.Count() >= 3); // a result that starts two branches
        Assert.Equal(Enumerable.Range(0, shared.Count()).Select(i => $"{shared.Key}.{i}"), shared.Select(e => e.Id));
        Assert.Equal(["step.succeeded", "step.started", "step.started"], shared.Select(e => e.Type).Take(3));
    }

    [Fact]
    public async Task Replay_from_inside_a_transition_gets_exactly_the_events_after_it()
    {
        var all = await FinishedWorkflowEventsAsync();
        var inside = all.FindIndex(e => e.Id.EndsWith(".1", StringComparison.Ordinal) && all.Count(o => EntryOf(o.Id) == EntryOf(e.Id)) >= 3);
        Assert.True(inside > 0, "no event in the middle of a transition: " + string.Join(", ", all.Select(e => e.Id)));

        var rest = await ReadAsync(all[inside].Id, all.Count - inside - 1);

        Assert.Equal(all.Skip(inside + 1), rest);
    }

    [Fact]
    public async Task A_bare_entry_id_replays_after_the_whole_entry()
    {
        var all = await FinishedWorkflowEventsAsync();
        var entry = EntryOf(all.First(e => e.Id.EndsWith(".1", StringComparison.Ordinal)).Id);
        var afterEntry = all.FindLastIndex(e => EntryOf(e.Id) == entry) + 1;

        var rest = await ReadAsync(entry, all.Count - afterEntry);

        Assert.Equal(all.Skip(afterEntry), rest);
    }

    private static string EntryOf(string feedId) => feedId[..feedId.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>Every event of one finished self-test workflow, read from the feed's start.</summary>
    private async Task<List<(string Id, string Type)>> FinishedWorkflowEventsAsync()
    {
        var id = (await Client.StartAsync("self-test", new { delay = 0 })).Id();
        await Client.WaitFinishedAsync(id);
        var events = await ReadAsync("0-0", count: 13);
        Assert.Equal("workflow.created", events[0].Type);
        Assert.Equal("workflow.completed", events[^1].Type);
        return events;
    }

    /// <summary>The first <paramref name="count"/> events of the feed after <paramref name="lastEventId"/>.</summary>
    private async Task<List<(string Id, string Type)>> ReadAsync(string lastEventId, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Last-Event-ID", lastEventId);
        using var cts = new CancellationTokenSource(Patience.Background);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<(string, string)>();
        string? type = null;
        while (events.Count < count && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal) && type is not null)
            {
                events.Add((line[4..], type));
                type = null;
            }
        }

        return events;
    }
}
