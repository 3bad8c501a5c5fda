using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>
/// The <c>http</c> agent: <c>request</c> calls an allow-listed URL and reports status, latency, chosen
/// headers and the start of the body. Any HTTP status is a successful step (it is what was asked to be
/// checked); a connection failure or timeout is an error the step's retry policy may retry.
/// </summary>
public sealed class HttpAgent(IHttpClientFactory clients, IOptions<HttpAgentOptions> options, TimeProvider time) : IAgent, IReportsAvailability
{
    /// <summary>Response headers worth reporting; others are left out to keep outputs small and free of cookies.</summary>
    public static readonly IReadOnlyList<string> ReportedHeaders =
        ["Content-Type", "Content-Length", "Content-Encoding", "Location", "Server", "Date", "Cache-Control", "ETag", "Last-Modified", "Retry-After"];

    public string Name => "http";

    public string Description => "Calls allow-listed HTTP endpoints and reports status, latency, headers and the start of the body.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("request", "Sends `method` (GET, HEAD, POST, PUT, DELETE; default GET) to `url` on an allow-listed host with optional " +
            "`headers` and `body`; output: status, reason, latencyMs, headers, contentType, body (first bytes) and truncated."),
    ];

    public AgentAvailability Availability => new(true, Details: new JsonObject
    {
        ["allowedHosts"] = new JsonArray([.. options.Value.EffectiveAllowedHosts.Select(h => JsonValue.Create(h))]),
        ["allowedHostsSetting"] = $"{HttpAgentOptions.SectionName}:AllowedHosts",
    });

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "request", StringComparison.OrdinalIgnoreCase))
        {
            throw new NonRetryableAgentException($"The http agent has no action '{invocation.Action}'; it offers 'request'.");
        }

        var settings = options.Value;
        var request = HttpStepRequest.From(invocation, settings);
        using var message = request.ToMessage();
        var client = clients.CreateClient(HttpAgentExtensions.HttpClientName);

        var started = time.GetTimestamp();
        using var response = await SendAsync(client, message, cancellationToken);
        var latency = time.GetElapsedTime(started);
        var (body, truncated, bytes) = await ReadExcerptAsync(response.Content, settings.MaxBodyBytes, cancellationToken);

        var headers = new JsonObject();
        foreach (var name in ReportedHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                headers[name.ToLowerInvariant()] = string.Join(", ", values);
            }
        }

        var status = (int)response.StatusCode;
        var output = new JsonObject
        {
            ["url"] = request.Url.ToString(),
            ["method"] = request.Method.Method,
            ["status"] = status,
            ["reason"] = response.ReasonPhrase,
            ["success"] = response.IsSuccessStatusCode,
            ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 1),
            ["contentType"] = response.Content.Headers.ContentType?.ToString(),
            ["headers"] = headers,
            ["body"] = body,
            ["bodyBytes"] = bytes,
            ["truncated"] = truncated,
        };
        return new AgentResult(output,
            $"{request.Method} {request.Url} answered {status} {response.ReasonPhrase} in {latency.TotalMilliseconds:0} ms.");
    }

    /// <summary>Sends the request; a connection the guard refused fails the step at once with the guard's reason.</summary>
    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (AddressRefusedException.In(ex) is { } refused)
        {
            throw new NonRetryableAgentException(refused.Message, ex);
        }
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes (one more to know whether there was more) and decodes them
    /// as UTF-8, dropping a character cut in half at the end. The rest is never downloaded.
    /// </summary>
    internal static async Task<(string Text, bool Truncated, int Bytes)> ReadExcerptAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var truncated = read > limit;
        var kept = Math.Min(read, limit);
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(kept)];
        // flush: false keeps an incomplete trailing sequence out of the text instead of turning it into U+FFFD.
        var count = decoder.GetChars(buffer, 0, kept, chars, 0, flush: !truncated);
        return (new string(chars, 0, count), truncated, kept);
    }
}
