using System.Text.Json;
using VoiceHub.AppHost.Redis;

namespace VoiceHub.AppHost.Tests;

/// <summary>The AppHost run as a process: the publish manifest, and the exit without any Redis.</summary>
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Manifest_has_the_cache_container_and_two_projects_and_no_executable()
    {
        var output = Path.Combine(Path.GetTempPath(), $"voicehub-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, stdout, stderr) = await AppHostProcess.RunAsync(
                ["--publisher", "manifest", "--output-path", output],
                new Dictionary<string, string?>(),
                ProcessTimeout);

            Assert.True(exitCode == 0, $"exit {exitCode}: {stdout}{stderr}");
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var resources = manifest.RootElement.GetProperty("resources");
            Assert.Equal("container.v0", resources.GetProperty("cache").GetProperty("type").GetString());
            Assert.Equal("project.v0", resources.GetProperty("apiservice").GetProperty("type").GetString());
            Assert.Equal("project.v0", resources.GetProperty("webfrontend").GetProperty("type").GetString());
            Assert.DoesNotContain(
                resources.EnumerateObject(),
                r => r.Value.TryGetProperty("type", out var type) && type.GetString()!.StartsWith("executable", StringComparison.Ordinal));
            AssertCacheIsDurableAndPasswordProtected(resources);
            AssertNoLocalSignInIsDeployed(resources);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>A deployment has no one-time sign-in link and no dashboard admin link: people sign in with a key or OIDC.</summary>
    private static void AssertNoLocalSignInIsDeployed(JsonElement resources)
    {
        var web = resources.GetProperty("webfrontend").ToString();
        Assert.DoesNotContain("SignInLink", web, StringComparison.Ordinal);
        Assert.DoesNotContain("DashboardKey", web, StringComparison.Ordinal);
        Assert.Contains("VoiceHub__Auth__FrontendKey", web, StringComparison.Ordinal);
    }

    /// <summary>A deployed cache keeps its data across restarts (volume at /data, AOF) and needs a generated secret password.</summary>
    private static void AssertCacheIsDurableAndPasswordProtected(JsonElement resources)
    {
        var cache = resources.GetProperty("cache");
        var volume = Assert.Single(cache.GetProperty("volumes").EnumerateArray());
        Assert.Equal("/data", volume.GetProperty("target").GetString());
        Assert.False(volume.GetProperty("readOnly").GetBoolean());
        var args = string.Join(' ', cache.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("--appendonly yes", args);
        Assert.Contains("--requirepass $REDIS_PASSWORD", args);
        Assert.Equal("{cache-password.value}", cache.GetProperty("env").GetProperty("REDIS_PASSWORD").GetString());
        var password = resources.GetProperty("cache-password");
        Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.True(password.GetProperty("inputs").GetProperty("value").TryGetProperty("default", out var generated)
            && generated.TryGetProperty("generate", out _), $"cache-password is not generated: {password}");
    }

    [Fact]
    public async Task Without_container_runtime_or_redis_server_the_apphost_exits_with_one_instruction()
    {
        // An empty PATH: no docker, no podman, no redis-server (dotnet itself is started by full path).
        var emptyFolder = Directory.CreateTempSubdirectory("voicehub-empty-path-").FullName;
        try
        {
            var (exitCode, stdout, stderr) = await AppHostProcess.RunAsync(
                [],
                new Dictionary<string, string?>
                {
                    ["PATH"] = emptyFolder,
                    ["VoiceHub__Redis__Mode"] = "auto",
                    ["ASPIRE_CONTAINER_RUNTIME"] = null,
                    ["DOTNET_ASPIRE_CONTAINER_RUNTIME"] = null,
                },
                ProcessTimeout);

            Assert.Equal(1, exitCode);
            Assert.Equal(RedisModeResolver.NothingAvailable, stderr.Trim());
            Assert.DoesNotContain("Distributed application starting", stdout);
        }
        finally
        {
            Directory.Delete(emptyFolder);
        }
    }
}
