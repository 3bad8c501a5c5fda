using System.Globalization;
using System.Text;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// A finite set of word sequences as an automaton: built as an NFA with empty moves, then made
/// deterministic (one way out of a state per word) and minimal (states with the same futures
/// merged). PocketSphinx searches every state's outgoing words as a tree, so the small DFA decodes
/// several times faster than the NFA it came from, and its FSG has no null transitions to close
/// over. The sentences must not loop (the intent grammar's never do).
/// </summary>
internal sealed class WordAutomaton
{
    private readonly List<List<(int To, int Word)>> _moves = [];
    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);

    public int AddState()
    {
        _moves.Add([]);
        return _moves.Count - 1;
    }

    /// <summary>A move on <paramref name="word"/>, or an empty move when it is null.</summary>
    public void Add(int from, int to, string? word)
    {
        var id = -1;
        if (word is not null && !_wordIds.TryGetValue(word, out id))
        {
            _wordIds[word] = id = _words.Count;
            _words.Add(word);
        }

        _moves[from].Add((to, id));
    }

    public int NfaStates => _moves.Count;

    /// <summary>The minimal DFA for the sentences from <paramref name="start"/> to <paramref name="final"/>, as PocketSphinx FSG text.</summary>
    public (string Fsg, int States, int Transitions) ToFsg(int start, int final)
    {
        var (dfa, accepting) = Determinize(start, final);
        var (minimal, minimalAccepting, root) = Minimize(dfa, accepting);
        var end = minimal.Count; // one final state; accepting states reach it by a null transition
        var text = new StringBuilder();
        var transitions = 0;
        for (var state = 0; state < minimal.Count; state++)
        {
            foreach (var (word, to) in minimal[state])
            {
                text.Append(CultureInfo.InvariantCulture, $"TRANSITION {state} {to} 1.0 {_words[word]}\n");
                transitions++;
            }

            if (minimalAccepting[state])
            {
                text.Append(CultureInfo.InvariantCulture, $"TRANSITION {state} {end} 1.0\n");
                transitions++;
            }
        }

        var header = $"FSG_BEGIN voicehub\nNUM_STATES {end + 1}\nSTART_STATE {root}\nFINAL_STATE {end}\n";
        return (header + text + "FSG_END\n", end + 1, transitions);
    }

    private (List<SortedDictionary<int, int>> Dfa, List<bool> Accepting) Determinize(int start, int final)
    {
        var closures = new Dictionary<int, int[]>();
        var dfa = new List<SortedDictionary<int, int>>();
        var accepting = new List<bool>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Queue<int[]>();

        int Intern(int[] set)
        {
            var key = string.Join(',', set);
            if (!ids.TryGetValue(key, out var id))
            {
                ids[key] = id = dfa.Count;
                dfa.Add([]);
                accepting.Add(Array.BinarySearch(set, final) >= 0);
                pending.Enqueue(set);
            }

            return id;
        }

        Intern(Closure([start], closures));
        for (var id = 0; pending.TryDequeue(out var set); id++)
        {
            var byWord = new SortedDictionary<int, HashSet<int>>();
            foreach (var state in set)
            {
                foreach (var (to, word) in _moves[state].Where(m => m.Word >= 0))
                {
                    if (!byWord.TryGetValue(word, out var targets))
                    {
                        byWord[word] = targets = [];
                    }

                    targets.Add(to);
                }
            }

            foreach (var (word, targets) in byWord)
            {
                dfa[id][word] = Intern(Closure(targets, closures));
            }
        }

        return (dfa, accepting);
    }

    private int[] Closure(IEnumerable<int> states, Dictionary<int, int[]> cache)
    {
        var result = new HashSet<int>();
        foreach (var state in states)
        {
            result.UnionWith(ClosureOf(state, cache));
        }

        return result.Order().ToArray();
    }

    private int[] ClosureOf(int state, Dictionary<int, int[]> cache)
    {
        if (cache.TryGetValue(state, out var known))
        {
            return known;
        }

        var result = new HashSet<int> { state };
        foreach (var (to, word) in _moves[state])
        {
            if (word < 0)
            {
                result.UnionWith(ClosureOf(to, cache));
            }
        }

        return cache[state] = [.. result];
    }

    /// <summary>Merges states with the same future, deepest first (the automaton is acyclic).</summary>
    private static (List<List<(int Word, int To)>>, List<bool>, int Root) Minimize(List<SortedDictionary<int, int>> dfa, List<bool> accepting)
    {
        var canonical = new int[dfa.Count];
        Array.Fill(canonical, -1);
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var minimal = new List<List<(int Word, int To)>>();
        var minimalAccepting = new List<bool>();

        int Visit(int state)
        {
            if (canonical[state] >= 0)
            {
                return canonical[state];
            }

            var moves = dfa[state].Select(m => (Word: m.Key, To: Visit(m.Value))).ToList();
            var signature = (accepting[state] ? "F" : "N") + string.Concat(moves.Select(m => $"|{m.Word}>{m.To}"));
            if (!signatures.TryGetValue(signature, out var id))
            {
                signatures[signature] = id = minimal.Count;
                minimal.Add(moves);
                minimalAccepting.Add(accepting[state]);
            }

            return canonical[state] = id;
        }

        var root = Visit(0);
        return (minimal, minimalAccepting, root);
    }
}
