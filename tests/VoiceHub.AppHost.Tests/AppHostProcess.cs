using System.Diagnostics;

namespace VoiceHub.AppHost.Tests;

/// <summary>Runs the built AppHost as its own process, as `dotnet run` would, with a time box.</summary>
internal static class AppHostProcess
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        IEnumerable<string> args, IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(AppHostAssemblyPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The AppHost did not exit within {timeout}. Output so far: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The AppHost built in the same configuration as this test assembly.</summary>
    private static string AppHostAssemblyPath()
    {
        // .../tests/VoiceHub.AppHost.Tests/bin/{Configuration}/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "VoiceHub.AppHost", "bin", configuration, "net10.0", "VoiceHub.AppHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VoiceHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VoiceHub.sln not found above " + AppContext.BaseDirectory);
    }
}
