using System.Text;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// A command split into its program and arguments. The words go to the process one by one
/// (ArgumentList), never through a shell, so quoting is the only syntax understood.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words)
{
    public string Program => Words[0];

    public IEnumerable<string> Arguments => Words.Skip(1);

    public override string ToString() => string.Join(' ', Words.Select(w => w.Length == 0 || w.Any(char.IsWhiteSpace) ? $"\"{w}\"" : w));

    public static CommandLine Of(params string[] words) => new(words);

    /// <summary>Splits on whitespace; single or double quotes group words; backslash escapes inside double quotes.</summary>
    public static CommandLine Parse(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new NonRetryableAgentException($"Command '{text}' has an unclosed {quote} quote.");
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words.Count > 0 ? new CommandLine(words) : throw new NonRetryableAgentException("The command is empty.");
    }
}
