using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace VoiceHub.ApiService.Performance.Caching;

/// <summary>
/// For endpoints marked with <see cref="ContentETagMetadata"/>: buffers the (small, static) body,
/// hashes it into a weak ETag, and answers 304 when the client already holds that version. It runs
/// outside the output cache, so cached and fresh answers get the same tag.
/// </summary>
internal sealed class ContentETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ContentETagMetadata>() is null
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).AsSpan(0, 16)) + "\"", isWeak: true);
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = ContentETagExtensions.CacheControl(context.RequestServices);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var requested)
            && requested.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.ContentType = default;
            return;
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
