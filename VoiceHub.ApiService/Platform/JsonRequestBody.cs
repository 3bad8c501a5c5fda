using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Platform;

/// <summary>
/// Reads a JSON body by hand instead of through parameter binding, because a binding failure
/// becomes a bare 400 that does not say what is wrong; here malformed JSON gets a detail with
/// the line and path, and a body over the size cap gets a 413 before it is all in memory.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>
    /// The body as <typeparamref name="T"/>, capped only by the server's own request body limit
    /// (Kestrel's <c>MaxRequestBodySize</c>), for endpoints that need no tighter cap of their own.
    /// </summary>
    public static Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync<T>(request, request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue, cancellationToken);

    /// <summary>
    /// The body as <typeparamref name="T"/>; <c>Value</c> is null with no problem when the body
    /// is empty, so each endpoint decides whether an empty body means defaults or an error.
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(request.ContentLength.Value, maxBytes));
        }

        var (body, readProblem) = await ReadBodyAsync(request, maxBytes, cancellationToken);
        if (readProblem is not null)
        {
            return (null, readProblem);
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as JSON with Content-Type: application/json; got '{request.ContentType ?? "none"}'."));
        }

        if (JsonText.FindLoneSurrogate(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } where)
        {
            return (null, Malformed($"The body has a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape) at {where}; text must be valid Unicode."));
        }

        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(body.GetBuffer().AsSpan(0, (int)body.Length), json);
            return value is null
                ? (null, Malformed("The body is the JSON literal null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Malformed($"The body is not valid JSON for this request: {exception.Message}"));
        }
    }

    /// <summary>The body in memory, read at most <paramref name="maxBytes"/> far; a body that breaks off or lies about its framing is a 400.</summary>
    private static async Task<(MemoryStream Body, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return (body, TooLarge(null, maxBytes));
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (body, TooLarge(null, maxBytes));
        }
        catch (Exception exception) when (exception is BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (body, Malformed($"The body could not be read: {exception.Message} Send a complete body with valid framing (Content-Length or chunked)."));
        }

        return (body, null);
    }

    private static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request body", detail: detail);

    private static ProblemHttpResult TooLarge(long? actual, long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The body {(actual is null ? "is" : $"is {actual} bytes,")} over the {maxBytes}-byte limit of this endpoint; send a smaller body.");
}
