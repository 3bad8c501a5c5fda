namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// A program and its arguments, built by the hub from fixed parts (a runner's argv, git's read-only
/// subcommands). There is deliberately no parser: no text from a template input ever becomes words
/// here. The words go to the process one by one (ArgumentList), never through a shell.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words)
{
    public string Program => Words[0];

    public IEnumerable<string> Arguments => Words.Skip(1);

    public override string ToString() => string.Join(' ', Words.Select(w => w.Length == 0 || w.Any(char.IsWhiteSpace) ? $"\"{w}\"" : w));

    public static CommandLine Of(params string[] words) =>
        words.Length > 0 ? new(words) : throw new ArgumentException("A command needs a program.", nameof(words));
}
