using System.Diagnostics;

namespace VoiceHub.Web.Tests;

/// <summary>
/// A spoken sentence as a WAV for Chromium's fake microphone (<c>--use-file-for-fake-audio-capture</c>):
/// espeak-ng says it, sox makes it 48 kHz mono 16-bit (a microphone's rate, so the page's recorder has
/// to downsample) with a little silence before and a second after.
/// </summary>
public sealed class FakeMicrophone : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("voicehub-fake-mic-").FullName;

    /// <summary>Why the fake microphone cannot be made here (espeak-ng or sox missing), or null.</summary>
    public static string? Missing { get; } = FindMissing();

    public static async Task<string> SayAsync(FakeMicrophone owner, string sentence)
    {
        var raw = Path.Combine(owner._folder, "raw.wav");
        var wav = Path.Combine(owner._folder, "microphone.wav");
        await RunAsync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", raw, sentence]);
        await RunAsync("sox", [raw, "-r", "48000", "-c", "1", "-b", "16", wav, "pad", "0.3", "1"]);
        return wav;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string? FindMissing()
    {
        var missing = new[] { "espeak-ng", "sox" }
            .Where(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool))))
            .ToArray();
        return missing.Length == 0 ? null : $"The fake microphone needs {string.Join(" and ", missing)}: apt-get install espeak-ng sox (.ci/run installs them).";
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Patience.Request);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }
}

/// <summary>A browser test that needs <see cref="FakeMicrophone"/>: skipped with the reason when espeak-ng or sox is missing.</summary>
public sealed class FakeMicrophoneFactAttribute : FactAttribute
{
    public FakeMicrophoneFactAttribute()
    {
        if (FakeMicrophone.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
