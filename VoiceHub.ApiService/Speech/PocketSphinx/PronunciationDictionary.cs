namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// The model's pronunciation dictionary (cmudict-en-us.dict), read once. PocketSphinx refuses a
/// grammar with a word it cannot pronounce, so every grammar word goes through <see cref="TryPronounce"/>:
/// a known word keeps its pronunciations, a short unknown word ("etl", "ci") is spelled letter by
/// letter, and anything else is reported unpronounceable so its alternative is left out. A word the dictionary lacks also
/// gets the reading learnt for it (<see cref="AddReadings"/>, from <see cref="EspeakWordReader"/>): "yaml" is then both
/// "Y A M L" and "yamel", as people say it either way.
/// </summary>
internal sealed class PronunciationDictionary
{
    /// <summary>Longest unknown word still spelled out as letters; longer ones are dropped.</summary>
    public const int MaxSpelledLength = 5;

    private static readonly string[] LetterPhones =
    [
        "EY", "B IY", "S IY", "D IY", "IY", "EH F", "JH IY", "EY CH", "AY", "JH EY", "K EY", "EH L", "EH M",
        "EH N", "OW", "P IY", "K Y UW", "AA R", "EH S", "T IY", "Y UW", "V IY", "D AH B AH L Y UW", "EH K S",
        "W AY", "Z IY",
    ];

    private readonly Dictionary<string, List<string>> _pronunciations;

    // The parsed file, by path, size and time: ~135,000 words, tens of MB, never changed after parsing. One
    // process hosts one API in production; a test process hosts hundreds, which each parsed it again
    // (the test host peaked at ~15 GB). Each dictionary keeps its own learnt readings (_readings).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, long Length, DateTime Written), Lazy<(Dictionary<string, List<string>> Words, string[] Phones)>> Parsed = new();

    // Readings of words the dictionary lacks, by word; null where the reader could not read the word (not asked again).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _readings = new(StringComparer.Ordinal);

    private PronunciationDictionary(Dictionary<string, List<string>> pronunciations) => _pronunciations = pronunciations;

    public int Count => _pronunciations.Count;

    /// <summary>The phone set the dictionary uses (the acoustic model's phones, silence aside).</summary>
    public IReadOnlyList<string> Phones { get; private set; } = [];

    /// <summary>The dictionary in <paramref name="path"/>; the file is parsed once per process while it is unchanged.</summary>
    public static PronunciationDictionary Load(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        if (!file.Exists)
        {
            throw new FileNotFoundException($"No pronunciation dictionary at {file.FullName}.", file.FullName);
        }

        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        var parsed = Parsed.GetOrAdd(key, k => new Lazy<(Dictionary<string, List<string>>, string[])>(() => Parse(k.Path)));
        try
        {
            var (words, phones) = parsed.Value;
            return new PronunciationDictionary(words) { Phones = phones };
        }
        catch (IOException)
        {
            Parsed.TryRemove(key, out _); // not cached: the next start reads it again
            throw;
        }
    }

    private static (Dictionary<string, List<string>> Words, string[] Phones) Parse(string path)
    {
        var pronunciations = new Dictionary<string, List<string>>(150_000, StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            // "word(2) PHONES" is a second pronunciation of "word".
            var word = line[..space];
            if (word.IndexOf('(') is > 0 and var paren)
            {
                word = word[..paren];
            }

            var phones = line[(space + 1)..].Split('#')[0].Trim();
            if (!pronunciations.TryGetValue(word, out var list))
            {
                pronunciations[word] = list = [];
            }

            list.Add(phones);
        }

        var phoneSet = pronunciations.Values.SelectMany(p => p).SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return (pronunciations, phoneSet);
    }

    /// <summary>
    /// The word's pronunciations; else one made from what is known: a plural of a known word
    /// ("retries" from "retry"), two known words run together ("codereview"), or the letters of a
    /// short word ("etl"). False when none applies.
    /// </summary>
    public bool TryPronounce(string word, out IReadOnlyList<string> pronunciations)
    {
        if (_pronunciations.TryGetValue(word, out var known))
        {
            pronunciations = known;
            return true;
        }

        string?[] made = [Guess(word, allowSplit: true), _readings.GetValueOrDefault(word)];
        pronunciations = made.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        return pronunciations.Count > 0;
    }

    /// <summary>Whether the dictionary itself has the word (not a guess or a reading).</summary>
    public bool Contains(string word) => _pronunciations.ContainsKey(word);

    /// <summary>Of these words, those the dictionary lacks and that were not yet given to the reader.</summary>
    public IReadOnlyList<string> Unread(IEnumerable<string> words) =>
        words.Where(w => !_pronunciations.ContainsKey(w) && !_readings.ContainsKey(w) && EspeakWordReader.CanRead(w)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Adds readings of words the dictionary lacks (a null reading: the word could not be read; it is not asked again).</summary>
    public void AddReadings(IReadOnlyDictionary<string, string?> readings)
    {
        foreach (var (word, reading) in readings)
        {
            if (!_pronunciations.ContainsKey(word))
            {
                _readings[word] = reading;
            }
        }
    }

    private string? Guess(string word, bool allowSplit)
    {
        if (_pronunciations.TryGetValue(word, out var known))
        {
            return known[0];
        }

        if (Plural(word) is { } plural)
        {
            return plural;
        }

        if (word.Length is > 0 and <= MaxSpelledLength && word.All(char.IsAsciiLetterLower))
        {
            return string.Join(' ', word.Select(c => LetterPhones[c - 'a']));
        }

        // Longest known first part; both parts at least three letters ("selftest" = self + test).
        for (var split = word.Length - 3; allowSplit && split >= 3; split--)
        {
            if (_pronunciations.TryGetValue(word[..split], out var first) && Guess(word[split..], allowSplit: false) is { } rest)
            {
                return $"{first[0]} {rest}";
            }
        }

        return null;
    }

    private string? Plural(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && _pronunciations.TryGetValue(word[..^3] + "y", out var y))
        {
            return y[0] + " Z";
        }

        if (word.EndsWith('s') && _pronunciations.TryGetValue(word[..^1], out var stem))
        {
            return stem[0] + (stem[0][^1] is 'P' or 'T' or 'K' or 'F' || stem[0].EndsWith("TH", StringComparison.Ordinal) ? " S" : " Z");
        }

        return null;
    }

    /// <summary>
    /// A number word's readings without those that elide a consonant of the dictionary's first reading ("seventy" said
    /// S EH V AH N IY, "twenty" T W EH N IY): in a slot of bare numbers that consonant is all that tells "seven" from
    /// "seventy", and with the elided reading the decoder heard "seven" followed by any vowel-like sound as "seventy" (4 of
    /// 120 espeak-ng clips, docs/PERFORMANCE.md). Readings as long as the first ("thirty" TH ER T IY) stay.
    /// </summary>
    private static IReadOnlyList<string> InFull(IReadOnlyList<string> pronunciations)
    {
        var length = pronunciations[0].Split(' ').Length;
        return pronunciations.Where(p => p.Split(' ').Length >= length).ToList();
    }

    /// <summary>
    /// Writes a dictionary file with just these words, in PocketSphinx's format ("word(2)" for variants), with the British reading
    /// added when <see cref="BritishVariants.Enabled"/>.
    /// </summary>
    public void WriteSubset(IEnumerable<string> words, string path)
    {
        using var writer = new StreamWriter(path);
        foreach (var word in words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!TryPronounce(word, out var known))
            {
                continue;
            }

            var pronunciations = !BritishVariants.Enabled ? known
                : known.Concat(known.Select(p => BritishVariants.Of(word, p)).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();

            if (NumberSpeech.IsNumberWord(word))
            {
                pronunciations = InFull(pronunciations);
            }

            for (var i = 0; i < pronunciations.Count; i++)
            {
                writer.WriteLine(i == 0 ? $"{word} {pronunciations[i]}" : $"{word}({i + 1}) {pronunciations[i]}");
            }
        }
    }
}
