using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Processes;

namespace VoiceHub.Tests.Agents;

public sealed class ProcessRunnerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Arguments_reach_the_program_one_by_one_without_a_shell()
    {
        var runner = _workspace.Runner();

        var outcome = await runner.RunAsync(CommandLine.Of("echo", "a b", "$HOME", ";ls"), _workspace.Root, CancellationToken.None);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("a b $HOME ;ls\n", outcome.Output);
    }

    [Fact]
    public async Task Exit_code_and_both_streams_are_reported()
    {
        var runner = _workspace.Runner();

        var outcome = await runner.RunAsync(CommandLine.Of("sh", "-c", "echo out; echo err >&2; exit 3"), _workspace.Root, CancellationToken.None);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("out", outcome.Output);
        Assert.Contains("err", outcome.Output);
    }

    [Fact]
    public async Task Output_beyond_the_budget_is_cut_in_the_middle_and_says_so()
    {
        var runner = _workspace.Runner(new ProcessOptions { MaxOutputCharacters = 4096 });

        var outcome = await runner.RunAsync(CommandLine.Of("sh", "-c", "echo FIRST; i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done; echo LAST"),
            _workspace.Root, CancellationToken.None);

        Assert.True(outcome.OutputTruncated);
        Assert.StartsWith("FIRST\n", outcome.Output);
        Assert.EndsWith("LAST\n", outcome.Output);
        Assert.Contains("characters of output omitted", outcome.Output);
        Assert.True(outcome.Output.Length < 4096 + 200);
    }

    [Fact]
    public async Task Timeout_kills_the_command_and_its_children()
    {
        var runner = _workspace.Runner();
        var pidFile = Path.Combine(_workspace.Root, "child.pid");

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => runner.RunAsync(
            CommandLine.Of("sh", "-c", $"sleep 300 & echo $! > {pidFile}; wait"), _workspace.Root, CancellationToken.None,
            timeout: TimeSpan.FromSeconds(1)));

        Assert.Contains("did not finish within 1 s", error.Message);
        await AssertGoneAsync(int.Parse(File.ReadAllText(pidFile).Trim()));
    }

    [Fact]
    public async Task Cancellation_kills_the_command_and_its_children()
    {
        var runner = _workspace.Runner();
        var pidFile = Path.Combine(_workspace.Root, "child.pid");
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync(CommandLine.Of("sh", "-c", $"sleep 300 & echo $! > {pidFile}; wait"), _workspace.Root, cancel.Token);
        await WaitForFileAsync(pidFile);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(AgentCalls.Patience));
        await AssertGoneAsync(int.Parse(File.ReadAllText(pidFile).Trim()));
    }

    [Fact]
    public async Task Missing_program_is_a_clear_non_retryable_error()
    {
        var runner = _workspace.Runner();

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() =>
            runner.RunAsync(CommandLine.Of("no-such-program-voicehub"), _workspace.Root, CancellationToken.None));

        Assert.Contains("'no-such-program-voicehub' is not installed", error.Message);
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var patience = new CancellationTokenSource(AgentCalls.Patience);
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            await Task.Delay(20, patience.Token);
        }
    }

    /// <summary>Waits (time-boxed) until the process is gone or a zombie waiting to be reaped.</summary>
    private static async Task AssertGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (IsAlive(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Child process {pid} is still running after the command was stopped.");
            await Task.Delay(50);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");
        }
        catch (IOException)
        {
            return false; // gone: /proc has no entry for it
        }
    }
}
