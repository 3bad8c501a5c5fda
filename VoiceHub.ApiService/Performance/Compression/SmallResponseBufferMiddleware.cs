using Microsoft.AspNetCore.Http.Features;

namespace VoiceHub.ApiService.Performance.Compression;

/// <summary>
/// Runs just inside response compression and gives every response a <see cref="SmallResponseBody"/>,
/// so bodies under 1 KiB get a Content-Length (and stay uncompressed) while larger ones stream.
/// </summary>
internal sealed class SmallResponseBufferMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var body = new SmallResponseBody(context, inner);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(inner);
        }
    }
}
