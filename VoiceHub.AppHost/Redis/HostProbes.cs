using System.Diagnostics;

namespace VoiceHub.AppHost.Redis;

/// <summary>Looks at the machine: is a container runtime answering, where is redis-server.</summary>
internal static class HostProbes
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True when the container runtime Aspire would use (ASPIRE_CONTAINER_RUNTIME, default docker)
    /// answers <c>info</c>. A client without an engine fails fast, which is the case we must catch:
    /// Aspire would otherwise wait forever for a container that never starts.
    /// </summary>
    public static bool ContainerRuntimeIsHealthy(string? configuredRuntime)
    {
        var runtime = string.IsNullOrWhiteSpace(configuredRuntime) ? "docker" : configuredRuntime.Trim();
        if (FindOnPath(runtime) is not { } executable)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", "" } : new[] { "" };
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
