using Microsoft.Extensions.Options;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Threads;

[Collection(RedisCollection.Name)]
public sealed class ThreadOptionsTests(RedisServerFixture redis)
{
    [Theory]
    [InlineData("MaxThreads", "0")]
    [InlineData("MaxMessagesPerThread", "-1")]
    [InlineData("MaxMessageLength", "0")]
    [InlineData("MaxBatchSize", "0")]
    public async Task Out_of_range_limit_stops_the_service_at_start_naming_the_setting(string setting, string value)
    {
        await using var factory = new ApiFactory(redis, new Dictionary<string, string?> { [$"VoiceHub:Threads:{setting}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(setting, error.Message);
    }
}
