using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.RateLimiting;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>
/// Server-Sent Events: one workflow's events, or every event of the hub. A stream replays from
/// Last-Event-ID out of Redis, then follows the replica's fan-out (<see cref="WorkflowEventHub"/>)
/// without touching Redis itself; silence is broken by a heartbeat comment.
/// </summary>
public static class WorkflowEventEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflows/{id}/events", StreamWorkflowEvents)
            .WithName("StreamWorkflowEvents")
            .WithSummary("Server-Sent Events of one workflow; replays after Last-Event-ID; ends when the workflow finishes.")
            .WithTags("Workflows")
            .DisableRequestTimeout()
            .RequireAuthorization(HubPolicies.Viewer);
        app.MapGet("/api/events", StreamAllEvents)
            .WithName("StreamAllEvents")
            .WithSummary("Server-Sent Events of every workflow, from now or after Last-Event-ID.")
            .WithTags("Workflows")
            .DisableRequestTimeout()
            .RequireAuthorization(HubPolicies.Viewer);
        return app;
    }

    internal static async Task<Results<EventStreamResult, ProblemHttpResult>> StreamWorkflowEvents(
        string id, HttpContext http, WorkflowStore store, WorkflowEventHub hub, EventStreamLimits limits,
        IOptions<EventStreamOptions> options, CancellationToken cancellationToken)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        long after = 0;
        if (lastEventId.Length > 0 && !long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return BadLastEventId(lastEventId, "the sequence number of an event of this workflow, e.g. 3");
        }

        if (await store.GetAsync(id) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown workflow", detail: $"There is no workflow '{id}'. GET /api/workflows lists them.");
        }

        if (Refuse(http, limits) is { } refused)
        {
            return refused;
        }

        return new EventStreamResult(Follow(id, after, store, hub, options.Value.HeartbeatInterval, cancellationToken), http.Items[SlotKey] as IDisposable);
    }

    internal static async Task<Results<EventStreamResult, ProblemHttpResult>> StreamAllEvents(
        HttpContext http, WorkflowStore store, WorkflowEventHub hub, EventStreamLimits limits,
        IOptions<EventStreamOptions> options, CancellationToken cancellationToken)
    {
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        FeedPosition? after = null;
        if (lastEventId.Length > 0)
        {
            if (!FeedPosition.TryParse(lastEventId, out var position))
            {
                return BadLastEventId(lastEventId, "the id of an event of this stream, e.g. 1764489600000-0.0");
            }

            after = position;
        }

        if (Refuse(http, limits) is { } refused)
        {
            return refused;
        }

        return new EventStreamResult(FollowAll(after, store, hub, options.Value.HeartbeatInterval, cancellationToken), http.Items[SlotKey] as IDisposable);
    }

    private const string SlotKey = "voicehub.event-stream-slot";

    /// <summary>Takes a stream slot for this caller, or the problem to answer instead (429 caller at its cap, 503 replica full).</summary>
    private static ProblemHttpResult? Refuse(HttpContext http, EventStreamLimits limits)
    {
        var (slot, status) = limits.TryOpen(RateLimitPartitionKey.For(http));
        if (slot is not null)
        {
            http.Items[SlotKey] = slot;
            return null;
        }

        http.Response.Headers.RetryAfter = "10";
        return TypedResults.Problem(
            statusCode: status,
            title: status == StatusCodes.Status429TooManyRequests ? "Too many event streams" : "Event streams full",
            detail: status == StatusCodes.Status429TooManyRequests
                ? "You already hold as many event streams as one caller may (VoiceHub:Events:MaxStreamsPerCaller); close one, or retry after the time in Retry-After."
                : "This replica serves as many event streams as it may (VoiceHub:Events:MaxStreamsPerReplica); retry after the time in Retry-After.");
    }

    private static ProblemHttpResult BadLastEventId(string value, string expected) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid Last-Event-ID",
        detail: $"Last-Event-ID '{(value.Length > 40 ? value[..40] + "…" : value)}' is not {expected}. Send the id of the last event you received, or none to start from now.");

    /// <summary>Replays one workflow's events after <paramref name="after"/>, then follows the fan-out until it finishes.</summary>
    private static async IAsyncEnumerable<StreamItem> Follow(
        string id, long after, WorkflowStore store, WorkflowEventHub hub, TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var feed = await hub.SubscribeAsync(id);
        var catchUp = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = catchUp || feed.TakeOverflow()
                ? await store.ReadEventsAsync(id, after)
                : (await feed.NextAsync(heartbeat, cancellationToken)).Select(e => e.Event).Where(e => e.Sequence > after).ToList();
            catchUp = false;
            if (events.Count == 0)
            {
                yield return StreamItem.Heartbeat;
                continue;
            }

            foreach (var evt in events.Where(e => e.Sequence > after))
            {
                after = evt.Sequence;
                yield return new StreamItem(evt, evt.Sequence.ToString(CultureInfo.InvariantCulture));
                if (evt.IsTerminal)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// Every event after <paramref name="after"/> (or from now), then the fan-out, until the client leaves.
    /// An event's id is its place in the global stream, <c>entry.index</c>: the events of one transition
    /// share an entry.
    /// </summary>
    private static async IAsyncEnumerable<StreamItem> FollowAll(
        FeedPosition? from, WorkflowStore store, WorkflowEventHub hub, TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var feed = await hub.SubscribeAllAsync();
        var after = from ?? FeedPosition.AfterEntry(await store.LastGlobalEventIdAsync());
        var catchUp = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (entries, full) = catchUp || feed.TakeOverflow()
                ? await store.ReadGlobalEntriesAsync(after.EntryId, including: after.InsideEntry)
                : (await feed.NextAsync(heartbeat, cancellationToken), false);
            catchUp = full; // a full page: read on from the stream before following the feed
            var fresh = entries.Where(after.IsBefore).ToList();
            if (fresh.Count == 0 && !catchUp)
            {
                yield return StreamItem.Heartbeat;
                continue;
            }

            foreach (var entry in fresh)
            {
                after = FeedPosition.After(entry);
                yield return new StreamItem(entry.Event, entry.FeedId);
            }
        }
    }
}
