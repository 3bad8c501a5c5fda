using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.Tests.Agents;

namespace VoiceHub.Tests.Security;

/// <summary>
/// What a started program can do to the hub: it is taken from safe PATH entries only, runs inside the
/// workspace, and cannot fill the API's memory with output.
/// </summary>
public sealed class ProcessConfinementTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Only_the_git_and_test_agents_can_start_programs()
    {
        var starters = typeof(ProcessRunner).Assembly.GetTypes()
            .Where(t => t != typeof(ProcessRunner) && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(ProcessRunner))))
            .Select(t => t.Name)
            .Order();

        Assert.Equal(["GitAgent", "TestRunAgent"], starters);
    }

    [Fact]
    public async Task One_endless_line_without_newlines_is_cut_to_the_budget_while_it_is_read()
    {
        var runner = _workspace.Runner(new ProcessOptions { MaxOutputCharacters = 4096 });

        // 50 MB on one line: ReadLine would hold all of it before the budget applied.
        var outcome = await runner.RunAsync(CommandLine.Of("sh", "-c", "head -c 50000000 /dev/zero | tr '\\0' a; echo; echo END"),
            _workspace.Root, CancellationToken.None).WaitAsync(AgentCalls.Patience);

        Assert.True(outcome.OutputTruncated);
        Assert.True(outcome.Output.Length < 4096 + 200, $"{outcome.Output.Length} characters kept");
        Assert.EndsWith("END\n", outcome.Output);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("/tmp")]
    [InlineData(".git")]
    public async Task The_working_directory_must_be_a_folder_of_the_workspace(string folder)
    {
        _workspace.Git("init", "-q");
        var runner = _workspace.Runner();

        await Assert.ThrowsAsync<NonRetryableAgentException>(() => runner.RunAsync(CommandLine.Of("true"), folder, CancellationToken.None));
    }

    [Fact]
    public void Programs_never_come_from_the_workspace_the_app_folder_the_current_directory_or_relative_path_entries()
    {
        var planted = Directory.CreateDirectory(Path.Combine(_workspace.Root, "bin")).FullName;
        var appFolder = Directory.CreateDirectory(Path.Combine(_workspace.Parent, "app")).FullName;
        foreach (var folder in new[] { _workspace.Root, planted, appFolder })
        {
            var fake = Path.Combine(folder, "git");
            File.WriteAllText(fake, "#!/bin/sh\necho pwned\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var locator = new ExecutableLocator([_workspace.Root], [appFolder]);
        var path = string.Join(':', _workspace.Root, planted, appFolder, ".", "", "bin", "/usr/bin", "/bin");

        Assert.Equal(new ExecutableLocator([], []).Find("git", "/usr/bin:/bin"), locator.Find("git", path));
        Assert.Equal(["/usr/bin", "/bin"], locator.SafeDirectories(path));
        Assert.Null(locator.Find("./git", path));
        Assert.Null(locator.Find(Path.Combine(planted, "git"), path));
        Assert.Null(locator.Find("git", string.Join(':', _workspace.Root, appFolder, ".")));
    }
}
