using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VoiceHub.ApiService.Performance.Compression;

/// <summary>Brotli and gzip for text-like responses of 1 KiB or more; Server-Sent Events untouched.</summary>
public static class CompressionExtensions
{
    /// <summary>Types compressed besides ASP.NET Core's defaults (JSON, text, CSS, JS, HTML, XML).</summary>
    private static readonly string[] ExtraMimeTypes =
        ["application/problem+json", "image/svg+xml", "text/markdown", "text/javascript", "application/yaml"];

    public static IServiceCollection AddHubCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Responses carry no secrets mixed with attacker-chosen text, so BREACH does not apply.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(ExtraMimeTypes);
        });
        // Fastest: on API-sized bodies it gets most of the saving for a fraction of Optimal's CPU.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, MinimumSizeCompressionProvider>());
        return services;
    }

    public static IApplicationBuilder UseHubCompression(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        app.UseMiddleware<SmallResponseBufferMiddleware>();
        return app;
    }
}
