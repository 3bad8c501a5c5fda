namespace VoiceHub.ApiService.Commands;

/// <summary>
/// The closed lists of words <see cref="TolerantStage"/> may remove, in normalised form (lower
/// case, no apostrophes: "i'd" is "id"). Only words that never carry a command's meaning belong
/// here: a word like "purple" or "also" would let "list the purple workflows" or "check 12 and
/// also 13" through, which recognition-tests.yaml forbids.
/// </summary>
internal static class TolerantWords
{
    /// <summary>Frames before the command; longest first so "could you please" wins over "could you".</summary>
    internal static readonly string[][] Leading = Phrases(
        "id like you to", "i would like you to", "id like to", "i would like to", "i want you to", "i want to", "i need you to", "i need to",
        "i wonder if you could", "do you think you could", "would you be able to", "are you able to", "would you mind",
        "could you please", "can you please", "would you please", "will you please", "could you", "can you", "would you", "will you",
        "go ahead and", "lets", "let us", "please", "kindly", "just", "hey", "hi", "hello", "ok", "okay", "alright", "so", "um", "uh", "erm", "now", "hub");

    /// <summary>Frames that announce a wish for a thing: what follows may be the thing alone ("a code review of src").</summary>
    internal static readonly string[][] Wishes = Phrases(
        "id like", "i would like", "id love", "i want", "i need", "can i have", "can i get", "could i have", "could i get", "lets have", "how about");

    internal static readonly string[][] Trailing = Phrases(
        "for me please", "for me", "please", "thanks", "thank you", "if you can", "if you could", "if possible", "when you can",
        "right away", "asap", "real quick", "quickly", "now");

    /// <summary>Adjectives people put before a known name ("a full code review"): dropped, since they do not change which workflow.</summary>
    internal static readonly string[] Adjectives =
        ["full", "quick", "complete", "whole", "entire", "brief", "thorough", "detailed", "proper", "fresh", "new", "little"];

    /// <summary>Words dropped anywhere: hesitations and adjectives that do not change which workflow or what it works on.</summary>
    private static readonly HashSet<string> Fillers = new(
        ["um", "uh", "erm", "just", "kindly", "actually", "basically", "quickly", "some", .. Adjectives], StringComparer.Ordinal);

    /// <summary>The words left, how many were removed, and whether a wish frame was among them.</summary>
    public static (List<(string Raw, string Word)> Kept, int Removed, bool Wish) Strip(List<(string Raw, string Word)> words)
    {
        var (first, end, wish) = (0, words.Count, false);
        for (var changed = true; changed && first < end;)
        {
            changed = false;
            if (Match(words, first, end, Leading) is > 0 and var lead)
            {
                (first, changed) = (first + lead, true);
            }
            else if (Match(words, first, end, Wishes) is > 0 and var want)
            {
                (first, changed, wish) = (first + want, true, true);
            }
        }

        for (var changed = true; changed && first < end;)
        {
            changed = false;
            foreach (var phrase in Trailing)
            {
                if (end - first >= phrase.Length && At(words, end - phrase.Length, phrase))
                {
                    (end, changed) = (end - phrase.Length, true);
                    break;
                }
            }
        }

        var kept = words.Skip(first).Take(end - first).Where(w => !Fillers.Contains(w.Word)).ToList();
        return (kept, words.Count - kept.Count, wish);
    }

    private static int Match(List<(string Raw, string Word)> words, int at, int end, string[][] phrases) =>
        phrases.FirstOrDefault(p => end - at >= p.Length && At(words, at, p))?.Length ?? 0;

    private static bool At(List<(string Raw, string Word)> words, int at, string[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (words[at + i].Word != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string[][] Phrases(params string[] phrases) =>
        phrases.Select(p => p.Split(' ')).OrderByDescending(p => p.Length).ToArray();
}
