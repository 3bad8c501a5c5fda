using System.Globalization;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Performance.Caching;

/// <summary>Marks an endpoint whose body is static data: it gets an ETag from its content and Cache-Control.</summary>
public sealed class ContentETagMetadata;

public static class ContentETagExtensions
{
    /// <summary>
    /// Gives the endpoint's 200 answers a weak ETag (a hash of the body) and
    /// <c>Cache-Control: public, max-age</c>; a matching <c>If-None-Match</c> gets 304 with no body.
    /// </summary>
    public static TBuilder WithContentETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContentETagMetadata());

    internal static string CacheControl(IServiceProvider services) =>
        "public, max-age=" + ((int)services.GetRequiredService<IOptions<CachingOptions>>().Value.ClientMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
