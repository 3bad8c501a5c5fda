using System.Text;
using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents.Http;

/// <summary>The inputs of an http <c>request</c> step, checked: url, method, headers, body.</summary>
internal sealed record HttpStepRequest(Uri Url, HttpMethod Method, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    public static readonly IReadOnlyList<string> Methods = ["GET", "HEAD", "POST", "PUT", "DELETE"];

    public static HttpStepRequest From(AgentInvocation invocation, HttpAgentOptions options)
    {
        var urlText = invocation.GetString("url");
        if (string.IsNullOrWhiteSpace(urlText) || !Uri.TryCreate(urlText.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new NonRetryableAgentException($"url must be an absolute http(s) URL; got '{urlText}'.");
        }

        if (!options.IsAllowed(url))
        {
            var listed = options.EffectiveAllowedHosts.Count == 0 ? "none" : string.Join(", ", options.EffectiveAllowedHosts);
            throw new NonRetryableAgentException(
                $"Host '{url.Host}' port {url.Port} is not allowed: the http agent only calls host[:port] entries of " +
                $"{HttpAgentOptions.SectionName}:AllowedHosts (now: {listed}).");
        }

        var methodText = (invocation.GetString("method") ?? "GET").Trim().ToUpperInvariant();
        if (!Methods.Contains(methodText))
        {
            throw new NonRetryableAgentException($"method must be one of {string.Join(", ", Methods)}; got '{methodText}'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        switch (invocation.Inputs["headers"])
        {
            case null:
                break;
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
                    headers.Add(new(name, text ?? ""));
                }

                break;
            default:
                throw new NonRetryableAgentException("headers must be an object of header names to values.");
        }

        var body = invocation.GetString("body");
        if (body is not null && Encoding.UTF8.GetByteCount(body) > options.MaxRequestBodyBytes)
        {
            throw new NonRetryableAgentException($"body is larger than {HttpAgentOptions.SectionName}:MaxRequestBodyBytes ({options.MaxRequestBodyBytes} bytes).");
        }

        if (body is not null && methodText is "GET" or "HEAD")
        {
            throw new NonRetryableAgentException($"A {methodText} request carries no body; use POST or PUT.");
        }

        return new HttpStepRequest(url, new HttpMethod(methodText), headers, body);
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new("text/plain") { CharSet = "utf-8" };
        }

        foreach (var (name, value) in Headers)
        {
            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            if (message.Content is null)
            {
                throw new NonRetryableAgentException($"Header '{name}' describes a body; send it with a body (POST or PUT).");
            }

            message.Content.Headers.Remove(name);
            if (!message.Content.Headers.TryAddWithoutValidation(name, value))
            {
                throw new NonRetryableAgentException($"Header '{name}' cannot be set.");
            }
        }

        return message;
    }
}
