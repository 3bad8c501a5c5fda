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

    [Fact]
    public void Default_data_directory_is_outside_the_solution_and_per_checkout()
    {
        var solution = AppHostProcess.RepositoryRoot;

        var folder = RedisDataDirectory.Resolve(null, Path.Combine(solution, "VoiceHub.AppHost"));

        Assert.False(folder.StartsWith(solution + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{folder} is inside {solution}");
        Assert.Contains(Path.Combine("voicehub", "redis"), folder);
        Assert.NotEqual(folder, RedisDataDirectory.Resolve(null, "/elsewhere/VoiceHub.AppHost"));
        Assert.Equal(Path.GetFullPath("/data/x"), RedisDataDirectory.Resolve("/data/x", solution));
    }

    [Fact]
    public async Task Local_redis_server_requires_a_generated_password_and_its_data_folder_is_private_to_agents()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var folder = Directory.CreateTempSubdirectory("voicehub-redis-password-").FullName;
        try
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VoiceHub_AppHost>(
                ["--VoiceHub:Redis:Mode=local", $"--VoiceHub:Redis:DataDirectory={folder}"], cts.Token).WaitAsync(cts.Token);

            var cache = Assert.IsType<RedisServerResource>(builder.Resources.Single(r => r.Name == "cache"));
            var password = await cache.PasswordParameter.GetValueAsync(cts.Token);
            // Obsolete in favour of ExecutionConfigurationBuilder, but still the one-line way to read static args in a test.
#pragma warning disable CS0618
            var arguments = await cache.GetArgumentValuesAsync();
#pragma warning restore CS0618

            Assert.True(cache.PasswordParameter.Secret);
            Assert.True(password?.Length >= 24);
            Assert.EndsWith(",password={cache-password.value}", cache.ConnectionStringExpression.ValueExpression);
            Assert.Equal(Path.Combine(folder, "voicehub-redis.conf"), arguments[0]);
            Assert.DoesNotContain(arguments, a => a.Contains(password!));
            // The callbacks only, not their values: resolving the API's own endpoint would wait for a run that never starts.
            var environment = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
            foreach (var callback in builder.Resources.Single(r => r.Name == "apiservice").Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(environment).WaitAsync(cts.Token);
            }

            Assert.Equal(Path.GetFullPath(folder), environment.EnvironmentVariables["VoiceHub__Workspace__ProtectedFolders__0"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
