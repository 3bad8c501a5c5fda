using System.Security.Cryptography;
using System.Text;

namespace VoiceHub.AppHost.Redis;

/// <summary>
/// Where a local redis-server keeps its data: the setting when given, else the user's local data
/// folder (XDG data home on Linux, LocalAppData on Windows), never the solution folder, which is the
/// agents' workspace. One folder per checkout, so two clones never share one append-only file.
/// </summary>
public static class RedisDataDirectory
{
    public static string Resolve(string? configured, string appHostDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        var parent = string.IsNullOrEmpty(home) ? Path.GetTempPath() : home;
        var checkout = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(appHostDirectory))))[..12];
        return Path.Combine(parent, "voicehub", "redis", checkout);
    }
}
