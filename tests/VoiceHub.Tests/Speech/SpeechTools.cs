using System.Diagnostics;
using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.Tests.Speech;

/// <summary>
/// The programs and libraries the speech tests need: PocketSphinx with its en-us model, and
/// espeak-ng and sox to make test audio. Outside CI a machine without them skips those tests
/// with the reason; in CI (<c>CI=true</c>) they must be there, so the tests run and fail loudly.
/// </summary>
public static class SpeechTools
{
    public const string ModelPath = "/usr/share/pocketsphinx/model/en-us";

    private static readonly Lazy<string?> MissingTools = new(FindMissing);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the speech tests cannot run here, or null.</summary>
    public static string? Missing => MissingTools.Value;

    private static string? FindMissing()
    {
        var missing = new List<string>();
        if (!PocketSphinxNative.Load(out _))
        {
            missing.Add("libpocketsphinx3");
        }

        if (!File.Exists(Path.Combine(ModelPath, "en-us", "mdef")))
        {
            missing.Add("pocketsphinx-en-us");
        }

        missing.AddRange(new[] { "espeak-ng", "sox" }.Where(tool => !OnPath(tool)));
        return missing.Count == 0 ? null
            : $"Speech tests need {string.Join(", ", missing)}: apt-get install pocketsphinx pocketsphinx-en-us espeak-ng sox (.ci/run installs them).";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Runs a tool to completion within a time box; throws with its error output when it fails.</summary>
    public static void Run(string file, params string[] args) => Output(file, args);

    /// <summary>Runs a tool to completion within a time box and returns its standard output; throws with its error output when it fails.</summary>
    public static string Output(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 30 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }
}
