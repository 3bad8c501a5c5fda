using Microsoft.Extensions.DependencyInjection;
using VoiceHub.TestSupport.Api;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Infrastructure;

/// <summary>The API in-process against the collection's redis-server, under a key prefix of its own.</summary>
public sealed class ApiFactory(
    RedisServerFixture redis,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : ApiFactory<Program>(redis, settings, services);

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
