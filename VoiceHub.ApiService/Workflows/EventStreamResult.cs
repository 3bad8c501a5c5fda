using System.Net.ServerSentEvents;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Workflows;

/// <summary>
/// Server-Sent Events of workflow events, like <c>TypedResults.ServerSentEvents</c> but sending the
/// headers at once instead of with the first event, so a client knows it is connected even while
/// nothing happens (the framework's result cannot: its headers are written on the first item).
/// </summary>
internal sealed class EventStreamResult(IAsyncEnumerable<SseItem<WorkflowEvent>> events) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            await response.Body.FlushAsync(context.RequestAborted);
            await SseFormatter.WriteAsync(events, response.Body, (item, writer) =>
            {
                using var json8 = new Utf8JsonWriter(writer);
                JsonSerializer.Serialize(json8, item.Data, json);
            }, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(WorkflowEvent), ["text/event-stream"]));
}
