namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// English numbers as people say them: "twelve", "twenty one", "three hundred and five", or digits.
/// </summary>
internal static class NumberWords
{
    public const int Hundred = 100;

    public static readonly IReadOnlyDictionary<string, int> Values = BuildValues();

    /// <summary>Every reading of the tokens at <paramref name="start"/> as a number: (value, tokens used).</summary>
    /// <param name="wordValue">Number value of a vocabulary word id, or -1.</param>
    /// <param name="andWord">Vocabulary id of "and", as in "one hundred and five".</param>
    public static int Parse(ReadOnlySpan<Token> tokens, int start, int[] wordValue, int andWord, Span<(int Value, int Length)> results)
    {
        var count = 0;
        if (start >= tokens.Length)
        {
            return 0;
        }

        if (tokens[start].Digits >= 0)
        {
            results[count++] = (tokens[start].Digits, 1);
            return count;
        }

        // Below one hundred: "seven", "seventeen", "seventy", "seventy seven".
        Span<(int Value, int Length)> small = stackalloc (int, int)[2];
        Span<(int Value, int Length)> rest = stackalloc (int, int)[2];
        var smallCount = ParseBelowHundred(tokens, start, wordValue, small);
        for (var i = 0; i < smallCount; i++)
        {
            results[count++] = small[i];
            var (value, length) = small[i];
            var hundredAt = start + length;
            if (value is < 1 or > 9 || hundredAt >= tokens.Length || Value(tokens[hundredAt], wordValue) != Hundred)
            {
                continue;
            }

            var hundreds = value * Hundred;
            results[count++] = (hundreds, length + 1);
            var restAt = hundredAt + 1;
            if (restAt < tokens.Length && tokens[restAt].WordId == andWord && andWord >= 0)
            {
                restAt++;
            }

            var restCount = ParseBelowHundred(tokens, restAt, wordValue, rest);
            for (var j = 0; j < restCount; j++)
            {
                if (rest[j].Value > 0)
                {
                    results[count++] = (hundreds + rest[j].Value, restAt - start + rest[j].Length);
                }
            }
        }

        return count;
    }

    private static int ParseBelowHundred(ReadOnlySpan<Token> tokens, int start, int[] wordValue, Span<(int Value, int Length)> results)
    {
        if (start >= tokens.Length)
        {
            return 0;
        }

        var value = Value(tokens[start], wordValue);
        if (value is < 0 or >= Hundred)
        {
            return 0;
        }

        results[0] = (value, 1);
        if (value >= 20 && value % 10 == 0 && start + 1 < tokens.Length && Value(tokens[start + 1], wordValue) is >= 1 and <= 9 and var unit)
        {
            results[1] = (value + unit, 2);
            return 2;
        }

        return 1;
    }

    private static int Value(Token token, int[] wordValue) => token.WordId >= 0 ? wordValue[token.WordId] : -1;

    private static Dictionary<string, int> BuildValues()
    {
        string[] units =
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ];
        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["hundred"] = Hundred };
        for (var i = 0; i < units.Length; i++)
        {
            values[units[i]] = i;
        }

        for (var i = 0; i < tens.Length; i++)
        {
            values[tens[i]] = (i + 2) * 10;
        }

        return values;
    }
}
