using System.ComponentModel;
using System.Diagnostics;

namespace VoiceHub.ApiService.Speech.Synthesis;

/// <summary>What <see cref="SpeechSynthesizer.SayAsync"/> made of a text.</summary>
internal abstract record SayOutcome
{
    /// <summary>A complete WAV file (16-bit mono PCM, espeak-ng's 22,050 Hz).</summary>
    public sealed record Spoken(byte[] Wav) : SayOutcome;

    /// <summary>There is no synthesiser here (espeak-ng not installed), or it failed; <paramref name="Reason"/> says which.</summary>
    public sealed record Unavailable(string Reason) : SayOutcome;

    /// <summary>All synthesis slots are busy; try again in a moment.</summary>
    public sealed record Busy : SayOutcome;
}

/// <summary>
/// Reads replies aloud with espeak-ng for browsers that have no voices of their own. The text goes
/// to the program's standard input, never onto its command line (so a reply starting with "-" is
/// not an option) and never through a shell; the arguments are fixed. The program is found and started by
/// <see cref="EspeakProgram"/> (safe PATH entry or <see cref="SpeechOptions.EspeakPath"/>, clean environment); it runs with a time
/// limit and bounded output, and at most <see cref="Slots"/> run at once.
/// </summary>
internal sealed class SpeechSynthesizer
{
    public const string EngineName = EspeakProgram.Name;
    private const int Slots = 2;
    private const int MaxWavBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly string[] Arguments = ["--stdout", "-v", "en-us", "-s", "165"];

    private readonly SemaphoreSlim _slots = new(Slots, Slots);
    private readonly EspeakProgram _espeak;
    private readonly ILogger<SpeechSynthesizer> _logger;

    public SpeechSynthesizer(EspeakProgram espeak, ILogger<SpeechSynthesizer> logger) => (_espeak, _logger) = (espeak, logger);

    public SpeechEngineStatus Status => _espeak.Path is not null
        ? new(EngineName, true, "Reads replies aloud (POST /api/speech/say) for browsers without voices of their own.", null)
        : new(EngineName, false, "Reads replies aloud (POST /api/speech/say) for browsers without voices of their own.", _espeak.MissingReason);

    /// <summary>Speaks <paramref name="text"/> (already checked for length and stripped of control characters).</summary>
    public async Task<SayOutcome> SayAsync(string text, CancellationToken cancellationToken)
    {
        if (_espeak.Path is not { } program)
        {
            return new SayOutcome.Unavailable(Status.Reason!);
        }

        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken))
        {
            return new SayOutcome.Busy();
        }

        try
        {
            return await RunAsync(program, text, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<SayOutcome> RunAsync(string program, string text, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = _espeak.StartInfo(program, Arguments) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            _logger.LogWarning(ex, "espeak-ng could not start");
            return new SayOutcome.Unavailable($"espeak-ng could not start: {ex.Message}.");
        }

        using var timer = new CancellationTokenSource(Limit);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var errors = process.StandardError.ReadToEndAsync(either.Token);
            var output = ReadBoundedAsync(process.StandardOutput.BaseStream, either.Token);
            await process.StandardInput.WriteAsync(text.AsMemory(), either.Token);
            process.StandardInput.Close();
            var wav = await output;
            await process.WaitForExitAsync(either.Token);
            if (process.ExitCode != 0 || wav is null || !WavHeader.TrySeal(wav))
            {
                var why = wav is null ? "its output passed 4 MiB" : $"exit code {process.ExitCode}: {(await errors).Trim()}";
                _logger.LogWarning("espeak-ng failed: {Reason}", why);
                return new SayOutcome.Unavailable($"espeak-ng failed ({why}).");
            }

            return new SayOutcome.Spoken(wav);
        }
        catch (OperationCanceledException)
        {
            EspeakProgram.Stop(process, _logger);
            cancellationToken.ThrowIfCancellationRequested();
            return new SayOutcome.Unavailable($"espeak-ng did not finish within {Limit.TotalSeconds:0} s.");
        }
    }

    /// <summary>All of <paramref name="stream"/>, or null when it passes <see cref="MaxWavBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxWavBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
