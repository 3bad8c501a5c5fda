namespace VoiceHub.ApiService.Speech;

/// <summary>Numbers as words the way the grammar's number parser reads them back: 21 → "twenty one".</summary>
internal static class NumberSpeech
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly HashSet<string> NumberWords = new([.. Units, .. Tens.Where(t => t.Length > 0), "hundred"], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="word"/> is one of the words numbers are said with ("seven", "seventy", "hundred").</summary>
    public static bool IsNumberWord(string word) => NumberWords.Contains(word);

    /// <summary>0..999 as words; "one hundred and five" for 105.</summary>
    public static string[] Words(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 999);
        if (n >= 100)
        {
            var rest = n % 100;
            string[] hundreds = [Units[n / 100], "hundred"];
            return rest == 0 ? hundreds : [.. hundreds, "and", .. Words(rest)];
        }

        return n < 20 ? [Units[n]] : n % 10 == 0 ? [Tens[n / 10]] : [Tens[n / 10], Units[n % 10]];
    }
}
