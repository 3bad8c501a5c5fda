using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Performance.Compression;

/// <summary>
/// ASP.NET Core's provider, refusing bodies known to be under 1 KiB: compressing them costs CPU
/// and often makes them larger. <see cref="SmallResponseBufferMiddleware"/> makes the size known.
/// </summary>
internal sealed class MinimumSizeCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        context.Response.ContentLength is not < SmallResponseBody.Threshold && base.ShouldCompressResponse(context);
}
