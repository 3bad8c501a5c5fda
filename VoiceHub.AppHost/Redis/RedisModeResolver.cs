namespace VoiceHub.AppHost.Redis;

/// <summary>The outcome of choosing how to run Redis: a mode, or one line telling the user what to install.</summary>
public sealed record RedisChoice(RedisMode? Mode, string? RedisServerPath, string? Problem)
{
    public static RedisChoice Container() => new(RedisMode.Container, null, null);
    public static RedisChoice Local(string path) => new(RedisMode.Local, path, null);
    public static RedisChoice Impossible(string problem) => new(null, null, problem);
}

/// <summary>
/// Decides between the Redis container and a local redis-server (DESIGN.md, "three ways").
/// Pure apart from the two probes it is given, so every branch is unit-testable.
/// </summary>
public sealed class RedisModeResolver(Func<bool> containerRuntimeIsHealthy, Func<string?> findRedisServer)
{
    public const string NothingAvailable =
        "VoiceHub needs Redis: install and start Docker or Podman, or install redis-server " +
        "(e.g. `sudo apt-get install redis-server`), then run the AppHost again.";

    public RedisChoice Resolve(string? configuredMode, bool isPublishMode)
    {
        // The manifest must only ever contain the container: azd cannot deploy executables.
        if (isPublishMode)
        {
            return RedisChoice.Container();
        }

        if (!TryParse(configuredMode, out var mode))
        {
            return RedisChoice.Impossible(
                $"VoiceHub:Redis:Mode is '{configuredMode}'; use auto, container or local.");
        }

        switch (mode)
        {
            case RedisMode.Container:
                return RedisChoice.Container();
            case RedisMode.Local:
                return findRedisServer() is { } forced
                    ? RedisChoice.Local(forced)
                    : RedisChoice.Impossible(
                        "VoiceHub:Redis:Mode is 'local' but redis-server is not on PATH: install redis-server " +
                        "(e.g. `sudo apt-get install redis-server`) or set the mode to auto.");
        }

        if (containerRuntimeIsHealthy())
        {
            return RedisChoice.Container();
        }

        return findRedisServer() is { } path ? RedisChoice.Local(path) : RedisChoice.Impossible(NothingAvailable);
    }

    private static bool TryParse(string? value, out RedisMode mode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            mode = RedisMode.Auto;
            return true;
        }

        return Enum.TryParse(value.Trim(), ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }
}
