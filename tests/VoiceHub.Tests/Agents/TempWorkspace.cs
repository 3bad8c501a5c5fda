using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.Tests.Agents;

/// <summary>A throwaway workspace folder with helpers to write files and make it a git repository; deleted on dispose.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        // A parent folder of our own, so "outside the workspace" targets are ours to create and delete.
        Parent = Directory.CreateTempSubdirectory("voicehub-agents-").FullName;
        Root = Directory.CreateDirectory(Path.Combine(Parent, "workspace")).FullName;
        Folder = new WorkspaceFolder(Root);
    }

    public string Parent { get; }

    public string Root { get; }

    public WorkspaceFolder Folder { get; }

    /// <summary>Writes a file (folders created) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>A file outside the workspace (beside it, in the same temporary parent).</summary>
    public string WriteOutside(string name, string content)
    {
        var full = Path.Combine(Parent, name);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>A process runner confined to this workspace.</summary>
    public ProcessRunner Runner(ProcessOptions? options = null) =>
        new(Options.Create(options ?? new ProcessOptions()), Folder, TimeProvider.System, NullLogger<ProcessRunner>.Instance);

    /// <summary>The test agent on this workspace with only <paramref name="runners"/> enabled (all when none).</summary>
    public TestRunAgent TestAgent(params string[] runners)
    {
        var options = new ProcessOptions { TestRunners = [.. runners] };
        return new TestRunAgent(Folder, Runner(options), Options.Create(options));
    }

    /// <summary>Runs git in the workspace with a fixed identity; fails the test on a nonzero exit.</summary>
    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "user.name=Ada Tester", "-c", "user.email=ada@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', arguments)} did not finish within 30 s.");
        }

        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file; the OS temp cleaner takes it later.
        }
    }
}
