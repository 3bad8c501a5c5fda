using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>An event to send with its SSE id, or (no event) a heartbeat comment.</summary>
internal readonly record struct StreamItem(WorkflowEvent? Event, string? Id)
{
    public static StreamItem Heartbeat => default;
}

/// <summary>
/// Server-Sent Events of workflow events. The headers go out at once (the framework's result waits
/// for the first item, so a quiet stream looked unconnected), each event is flushed as it comes,
/// and a quiet stream gets a <c>: heartbeat</c> comment that every SSE parser skips.
/// </summary>
internal sealed class EventStreamResult(IAsyncEnumerable<StreamItem> items, IDisposable? slot) : IResult, IEndpointMetadataProvider
{
    private static readonly byte[] HeartbeatLine = ": heartbeat\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext context)
    {
        using var streamSlot = slot;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var cancellation = context.RequestAborted;
        try
        {
            await response.Body.FlushAsync(cancellation);
            await foreach (var item in items.WithCancellation(cancellation))
            {
                await response.Body.WriteAsync(item.Event is null ? HeartbeatLine : Format(item, json), cancellation);
                await response.Body.FlushAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }

    private static byte[] Format(StreamItem item, JsonSerializerOptions json) =>
        Encoding.UTF8.GetBytes($"event: {item.Event!.Type}\nid: {item.Id}\ndata: {JsonSerializer.Serialize(item.Event, json)}\n\n");

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(WorkflowEvent), ["text/event-stream"]));
}
