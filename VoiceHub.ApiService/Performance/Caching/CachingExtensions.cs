using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Performance.Caching;

/// <summary>
/// HybridCache (L1 in process, L2 in Redis) for expensive reads, and the Redis output cache for
/// read-mostly GETs; both reuse the process's one multiplexer.
/// </summary>
public static class CachingExtensions
{
    public static IServiceCollection AddHubCaching(this IServiceCollection services)
    {
        services.AddValidatedOptions<CachingOptions>();

        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((redis, sp) =>
        {
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
            redis.InstanceName = Prefix(sp) + "hybrid:";
        });
        services.AddHybridCache().AddSerializerFactory<HubJsonHybridSerializerFactory>();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CachingOptions>>((hybrid, caching) =>
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = caching.Value.Expiration,
                LocalCacheExpiration = caching.Value.LocalExpiration,
            });

        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<IOptions<CachingOptions>>((output, caching) =>
        {
            var duration = caching.Value.OutputCacheDuration;
            foreach (var name in new[] { OutputCachePolicies.Templates, OutputCachePolicies.Intents, OutputCachePolicies.OpenApi })
            {
                output.AddPolicy(name, policy => policy.AddPolicy<SharedOutputCachePolicy>().Expire(duration).Tag(name), excludeDefaultPolicy: true);
            }
        });
        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<IServiceProvider>((redis, sp) =>
        {
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
            redis.InstanceName = Prefix(sp) + "output:";
        });
        return services;
    }

    /// <summary>The caches' Redis prefix: the hub's prefix + <c>cache:</c>.</summary>
    internal static string Prefix(IServiceProvider services) =>
        services.GetRequiredService<IOptions<RedisKeyOptions>>().Value.For("cache");
}
