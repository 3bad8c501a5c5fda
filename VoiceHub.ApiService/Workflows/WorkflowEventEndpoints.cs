using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.ApiService.Workflows;

/// <summary>Server-Sent Events: one workflow's events, or every event of the hub.</summary>
public static class WorkflowEventEndpoints
{
    /// <summary>Streams re-read Redis at least this often even without a notification.</summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(2);

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
        string id, HttpRequest request, WorkflowStore store, EventSignal signal, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown workflow", detail: $"There is no workflow '{id}'.");
        }

        var after = long.TryParse(request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        return new EventStreamResult(Follow(id, after, store, signal, cancellationToken));
    }

    internal static async Task<EventStreamResult> StreamAllEvents(
        HttpRequest request, WorkflowStore store, EventSignal signal, CancellationToken cancellationToken)
    {
        var after = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(after))
        {
            after = await store.LastGlobalEventIdAsync();
        }

        return new EventStreamResult(FollowAll(after, store, signal, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<WorkflowEvent>> Follow(
        string id, long after, WorkflowStore store, EventSignal signal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lease = await signal.ListenAsync();
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var evt in await store.ReadEventsAsync(id, after))
            {
                after = evt.Sequence;
                yield return new SseItem<WorkflowEvent>(evt, evt.Type) { EventId = evt.Sequence.ToString(CultureInfo.InvariantCulture) };
                if (WorkflowEventTypes.IsTerminal(evt.Type))
                {
                    yield break;
                }
            }

            await lease.WaitAsync(RecheckEvery, cancellationToken);
        }
    }

    private static async IAsyncEnumerable<SseItem<WorkflowEvent>> FollowAll(
        string after, WorkflowStore store, EventSignal signal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lease = await signal.ListenAsync();
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (entryId, evt) in await store.ReadGlobalEventsAsync(after))
            {
                after = entryId;
                yield return new SseItem<WorkflowEvent>(evt, evt.Type) { EventId = entryId };
            }

            await lease.WaitAsync(RecheckEvery, cancellationToken);
        }
    }
}
