using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// Runs a command the hub built from fixed parts, without a shell, in a folder of the workspace, with a
/// clean environment, a timeout and bounded output. The program comes from a safe PATH entry only
/// (<see cref="ExecutableLocator"/>). On timeout or cancellation the whole process tree is killed, so
/// a test runner's child processes do not linger.
/// </summary>
public sealed class ProcessRunner(IOptions<ProcessOptions> options, WorkspaceFolder workspace, TimeProvider time, ILogger<ProcessRunner> logger)
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private readonly ProcessOptions _options = options.Value;
    private readonly ExecutableLocator _locator = new(
        [workspace.Root, workspace.RealRoot], [AppContext.BaseDirectory, Environment.CurrentDirectory]);

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workingDirectory"/> (a folder of the workspace).
    /// A command that cannot start or times out throws <see cref="NonRetryableAgentException"/>; a
    /// nonzero exit code is an outcome, not an error. Cancellation kills it and throws.
    /// <paramref name="environment"/> adds fixed variables of the caller's own (git's settings).
    /// </summary>
    public async Task<ProcessOutcome> RunAsync(
        CommandLine command,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? _options.CommandTimeout;
        using var process = new Process { StartInfo = StartInfo(command, workspace.ResolveFolder(workingDirectory), environment) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new NonRetryableAgentException($"Command '{command}' could not start: {ex.Message}.", ex);
        }

        process.StandardInput.Close();
        var output = new BoundedOutput(_options.MaxOutputCharacters);
        var stopwatch = time.GetTimestamp();
        using var timer = new CancellationTokenSource(limit, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var readers = Task.WhenAll(
            OutputPump.PumpAsync(process.StandardOutput, output, output.MaxLineCharacters),
            OutputPump.PumpAsync(process.StandardError, output, output.MaxLineCharacters));
        try
        {
            await process.WaitForExitAsync(either.Token);
            try
            {
                await readers.WaitAsync(ExitGrace, either.Token);
            }
            catch (TimeoutException)
            {
                // A detached grandchild still holds the pipe open; keep what arrived.
                output.AppendLine("[output still open after the command exited; stopped reading]");
            }
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process, command);
            await readers.WaitAsync(ExitGrace, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            throw new NonRetryableAgentException(
                $"Command '{command}' did not finish within {limit.TotalSeconds:0.###} s; it was stopped with its child processes. " +
                $"Last output:\n{Tail(output.ToString(), 2000)}");
        }

        return new ProcessOutcome(process.ExitCode, output.ToString(), output.Truncated, time.GetElapsedTime(stopwatch));
    }

    private ProcessStartInfo StartInfo(CommandLine command, string folder, IReadOnlyDictionary<string, string>? environment)
    {
        var parent = ChildEnvironment.Current();
        var path = parent.GetValueOrDefault("PATH");
        var program = _locator.Find(command.Program, path) ?? throw new NonRetryableAgentException(
            $"'{command.Program}' is not installed: it is not in any folder on the API's PATH " +
            "(programs are taken from PATH only, never from the workspace, the app's folder or the current directory).");
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(start.Environment, parent, _locator.SafeDirectories(path), environment);
        return start;
    }

    private async Task KillAsync(Process process, CommandLine command)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            using var grace = new CancellationTokenSource(ExitGrace);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not kill '{Command}' (process {Pid})", command, process.Id);
        }
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
