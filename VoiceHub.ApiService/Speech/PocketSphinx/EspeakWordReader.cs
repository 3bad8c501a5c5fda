using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using VoiceHub.ApiService.Speech.Synthesis;

namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// How espeak-ng reads words the pronunciation dictionary lacks ("yaml" → Y AE M AH L, "etl" → EH T AH L), in the model's
/// phones (<see cref="EspeakPhones"/>): a person reads a short name as a word as often as they spell it, so the speech
/// grammar gets this reading beside the spelled one. The words are names from the grammar and the workspace, i.e. partly
/// user input: only lower-case ASCII words of bounded length are read, at most <see cref="MaxWords"/> at a time, passed on
/// standard input (never a command line or a shell; <see cref="EspeakProgram"/>), with a time limit and bounded output.
/// Without espeak-ng nothing is read and unknown short words are only spelled.
/// </summary>
internal sealed partial class EspeakWordReader(EspeakProgram espeak, ILogger<EspeakWordReader> logger)
{
    /// <summary>How long espeak-ng may take to read one batch of words before it is stopped.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public const int MaxWords = 1000;
    public const int MaxWordLength = 24;
    private const int MaxOutputChars = 256 * 1024;

    // Quiet, phoneme names separated by "_", the US voice (the acoustic model is US English), text from standard input.
    private static readonly string[] Arguments = ["-q", "-x", "--sep=_", "-v", "en-us", "--stdin"];

    public bool Available => espeak.Path is not null;

    /// <summary>The time limit of one batch (tests shorten it).</summary>
    internal TimeSpan Limit { get; init; } = DefaultLimit;

    /// <summary>Whether <paramref name="word"/> may be given to espeak-ng: lower-case ASCII letters only, bounded length.</summary>
    public static bool CanRead(string word) => word.Length <= MaxWordLength && Word().IsMatch(word);

    /// <summary>
    /// The reading of each word espeak-ng could read, in CMU phones; a word it read with a phoneme the table lacks is
    /// null. Empty when espeak-ng is missing, fails or takes too long (logged); never throws.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Read(IEnumerable<string> words)
    {
        var asked = words.Where(CanRead).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();
        if (asked.Count == 0 || espeak.Path is not { } program)
        {
            return new Dictionary<string, string?>();
        }

        var lines = Run(program, asked);
        if (lines is null)
        {
            return new Dictionary<string, string?>();
        }

        if (lines.Count != asked.Count)
        {
            logger.LogWarning("espeak-ng read {Words} words as {Lines} lines; its readings are not used", asked.Count, lines.Count);
            return new Dictionary<string, string?>();
        }

        return asked.Zip(lines).ToDictionary(p => p.First, p => EspeakPhones.ToCmu(p.Second), StringComparer.Ordinal);
    }

    /// <summary>One line of phonemes per word ("word." per input line), or null when the program failed.</summary>
    private List<string>? Run(string program, List<string> words)
    {
        using var process = new Process { StartInfo = espeak.StartInfo(program, Arguments) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            logger.LogWarning(e, "espeak-ng could not start to read {Words} words", words.Count);
            return null;
        }

        var output = Task.Run(() => ReadBounded(process.StandardOutput));
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(string.Concat(words.Select(w => w + ".\n")));
            process.StandardInput.Close();
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "espeak-ng stopped reading its input");
        }

        if (!process.WaitForExit(Limit) || !output.Wait(Limit) || process.ExitCode != 0 || output.Result is not { } text)
        {
            EspeakProgram.Stop(process, logger);
            logger.LogWarning("espeak-ng did not read {Words} words within {Seconds} s, or failed; unknown words are only spelled", words.Count, Limit.TotalSeconds);
            return null;
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>All the output, or null when it passes <see cref="MaxOutputChars"/>.</summary>
    private static string? ReadBounded(StreamReader reader)
    {
        var text = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + read > MaxOutputChars)
            {
                return null;
            }

            text.Append(chunk, 0, read);
        }

        return text.ToString();
    }

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex Word();
}
