using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;

namespace VoiceHub.Web.ApiClients;

/// <summary>
/// Reads the API's Server-Sent Events. It uses its own named HttpClient without the standard
/// resilience handler: that handler's 30 s total timeout would cut a stream that lives as long
/// as a page is open, and retrying a half-read stream would repeat events.
/// </summary>
public sealed class WorkflowEventStream(
    IHttpClientFactory factory, AuthenticationStateProvider authentication, HubApiCredentials credentials, ILogger<WorkflowEventStream> logger)
{
    public const string ClientName = "hub-events";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Events of one workflow, replayed from its first (so nothing is missed), across all its
    /// runs: the API ends a stream at a terminal event, and a retried workflow has one per earlier
    /// run, so the stream is resumed after it. The caller stops when the workflow it re-reads has
    /// finished (see <see cref="WorkflowEvent.IsTerminal"/>).
    /// </summary>
    public IAsyncEnumerable<WorkflowEvent> FollowWorkflowAsync(string id, CancellationToken cancellationToken) =>
        FollowAsync($"/api/workflows/{Uri.EscapeDataString(id)}/events", null, cancellationToken);

    /// <summary>
    /// Every workflow's events from now on, until <paramref name="cancellationToken"/> fires;
    /// <paramref name="connected"/> is told each time the stream is (re)connected or lost.
    /// </summary>
    public IAsyncEnumerable<WorkflowEvent> FollowAllAsync(Action<bool>? connected, CancellationToken cancellationToken) =>
        FollowAsync("/api/events", connected, cancellationToken);

    private async IAsyncEnumerable<WorkflowEvent> FollowAsync(
        string path, Action<bool>? connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var stream = OpenAsync(path, lastEventId, connected, cancellationToken);
            await using var events = stream.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                SseItem<WorkflowEvent?> item;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }

                    item = events.Current;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogInformation("Event stream {Path} dropped ({Reason}); reconnecting", path, ex.Message);
                    break;
                }
                catch (HubApiException ex) when (ex.Problem.Status == 404)
                {
                    yield break;
                }
                catch (HubApiException ex)
                {
                    logger.LogInformation("Event stream {Path} refused ({Reason}); retrying", path, ex.Message);
                    break;
                }

                lastEventId = item.EventId ?? lastEventId;
                if (item.Data is { } evt)
                {
                    yield return evt;
                }
            }

            // The server ended the stream (or it dropped): resume after the last event seen.
            connected?.Invoke(false);
            try
            {
                await Task.Delay(ReconnectDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private async IAsyncEnumerable<SseItem<WorkflowEvent?>> OpenAsync(
        string path, string? lastEventId, Action<bool>? connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        credentials.Apply(request, (await authentication.GetAuthenticationStateAsync()).User);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var http = factory.CreateClient(ClientName);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubApiException(await HubApiClient.ReadProblemAsync(response, cancellationToken));
        }

        // Connected: the API sends a stream's headers as soon as it has subscribed, before any event.
        connected?.Invoke(true);

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(body, (type, data) => JsonSerializer.Deserialize<WorkflowEvent>(data, Json));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
