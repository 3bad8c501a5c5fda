using System.Text;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// How a person says a written name: "VoiceHub.ApiService/Commands" is "voice hub dot api service
/// slash commands", "q3.json" is "q three dot json". The speech grammar uses these words, and
/// <see cref="SpokenVocabulary"/> turns them back into the written name after recognition.
/// </summary>
internal static class SpokenForms
{
    private static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The spoken words of a written name; empty when it has nothing sayable.</summary>
    public static string[] Of(string written)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < written.Length; i++)
        {
            var c = written[i];
            if (char.IsAsciiLetter(c))
            {
                // camelCase and PascalCase split into words: "ApiService" -> "api service".
                if (current.Length > 0 && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(current[^1]))
                {
                    Flush(current, words);
                }

                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(current, words);
            if (char.IsAsciiDigit(c))
            {
                words.Add(Digits[c - '0']);
            }
            else if (Symbol(c) is { } symbol)
            {
                words.Add(symbol);
            }
        }

        Flush(current, words);
        return [.. words];
    }

    private static string? Symbol(char c) => c switch
    {
        '.' => "dot",
        '/' => "slash",
        '-' => "dash",
        '_' => "underscore",
        ':' => "colon",
        _ => null,
    };

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
