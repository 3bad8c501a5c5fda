using System.Diagnostics;
using VoiceHub.ApiService.Agents.Processes;

namespace VoiceHub.ApiService.Speech.Synthesis;

/// <summary>
/// Where espeak-ng is and how it is started: taken from a safe PATH entry only (<see cref="ExecutableLocator"/>: never the
/// workspace, the app's folder or the current directory) or from <see cref="SpeechOptions.EspeakPath"/>; started without a
/// shell, with fixed arguments, a clean environment and the text on standard input. Shared by <see cref="SpeechSynthesizer"/>
/// (replies read aloud) and <see cref="PocketSphinx.EspeakWordReader"/> (how unknown words are read).
/// </summary>
internal sealed class EspeakProgram
{
    public const string Name = "espeak-ng";

    private readonly ExecutableLocator _locator;
    private readonly string? _configured;
    private readonly Lazy<string?> _program;

    /// <param name="excludedTrees">Folders a program must not come from (the workspace).</param>
    /// <param name="configured">A full path to the program, or null to look it up on PATH.</param>
    public EspeakProgram(IEnumerable<string> excludedTrees, string? configured)
    {
        _locator = new ExecutableLocator(excludedTrees, [AppContext.BaseDirectory, Environment.CurrentDirectory]);
        _configured = configured is { Length: > 0 } ? configured : null;
        _program = new(() => _configured is null ? _locator.Find(Name, ChildEnvironment.Current().GetValueOrDefault("PATH")) : Configured(_configured));
    }

    /// <summary>The program's full path, or null when it is not installed (or not where it was configured).</summary>
    public string? Path => _program.Value;

    /// <summary>Why <see cref="Path"/> is null, for a status line.</summary>
    public string MissingReason => _configured is null
        ? "espeak-ng is not installed on the API's PATH (Debian: apt-get install espeak-ng)."
        : $"espeak-ng is not at '{_configured}' ({SpeechOptions.Section}:EspeakPath), or that file is not an executable outside the workspace.";

    /// <summary>The configured program when it is an executable file in a folder a program may come from (never the workspace).</summary>
    private string? Configured(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        return folder is not null && _locator.SafeDirectories(folder).Count == 1 && _locator.Find(System.IO.Path.GetFileName(path), folder) is { } found ? found : null;
    }

    /// <summary>How to start the program with these fixed arguments, input and output redirected, in a clean environment.</summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var parent = ChildEnvironment.Current();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(start.Environment, parent, _locator.SafeDirectories(parent.GetValueOrDefault("PATH")), null);
        return start;
    }

    /// <summary>Stops a run of the program that took too long or failed, with anything it started; a failure to stop is logged.</summary>
    public static void Stop(Process process, ILogger logger)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger.LogWarning(ex, "Could not stop espeak-ng");
        }
    }
}
