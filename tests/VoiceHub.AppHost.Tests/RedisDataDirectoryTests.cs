using VoiceHub.AppHost.Redis;

namespace VoiceHub.AppHost.Tests;

public sealed class RedisDataDirectoryTests
{
    [Fact]
    public async Task Local_redis_server_keeps_its_data_where_the_setting_says()
    {
        var folder = Path.Combine(Path.GetTempPath(), "voicehub-data-dir-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VoiceHub_AppHost>(
                ["--VoiceHub:Redis:Mode=local", $"--VoiceHub:Redis:DataDirectory={folder}"], cts.Token).WaitAsync(cts.Token);

            var cache = Assert.IsType<RedisServerResource>(builder.Resources.Single(r => r.Name == "cache"));

            Assert.Equal(Path.GetFullPath(folder), cache.WorkingDirectory);
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
