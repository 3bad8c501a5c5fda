using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// Runs allow-listed commands without a shell, with a timeout and bounded output. On timeout or
/// cancellation the whole process tree is killed, so a test runner's child processes do not linger.
/// </summary>
public sealed class ProcessRunner(IOptions<ProcessOptions> options, TimeProvider time, ILogger<ProcessRunner> logger)
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private readonly ProcessOptions _options = options.Value;
    private readonly CommandAllowList _allowList = new(options.Value.EffectiveAllowedCommands);

    public CommandAllowList AllowList => _allowList;

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workingDirectory"/>. A command that is not
    /// allowed, cannot start or times out throws <see cref="NonRetryableAgentException"/>; a
    /// nonzero exit code is an outcome, not an error. Cancellation kills it and throws.
    /// </summary>
    public async Task<ProcessOutcome> RunAsync(
        CommandLine command,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        _allowList.EnsureAllowed(command);
        var limit = timeout ?? _options.CommandTimeout;
        var start = StartInfo(command, workingDirectory, environment);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new NonRetryableAgentException($"Command '{command}' could not start: {ex.Message}. Is '{command.Program}' installed and on PATH?", ex);
        }

        process.StandardInput.Close();
        var output = new BoundedOutput(_options.MaxOutputCharacters);
        var stopwatch = time.GetTimestamp();
        using var timer = new CancellationTokenSource(limit, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var readers = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));
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

    private static ProcessStartInfo StartInfo(CommandLine command, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No colours, prompts or pagers: output is parsed, and nobody is there to answer.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["PAGER"] = "cat";
        // Build servers would outlive `dotnet test` holding its output pipe open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

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

    private static async Task PumpAsync(StreamReader reader, BoundedOutput output)
    {
        // Reads to the end even after a kill: the pipe closes when the last writer dies.
        while (await reader.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
