using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace VoiceHub.ApiService.Platform.Secrets;

/// <summary>Data Protection with its key ring in Redis (under the hub's key prefix), so every replica decrypts what another protected.</summary>
public static class SecretsExtensions
{
    public static IServiceCollection AddSigningSecrets(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SigningSecrets)))
        {
            return services;
        }

        services.AddDataProtection().SetApplicationName("VoiceHub.ApiService");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<RedisKeyOptions>>((options, redis, keys) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), keys.Value.For("dataprotection") + "keys"));
        services.AddSingleton<SigningSecrets>();
        return services;
    }
}
