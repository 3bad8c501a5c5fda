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
/// <remarks>
/// A move may carry a cost (a negative natural log of its probability): the grammar makes the words
/// the tolerant stage forgives (polite frames, courtesies, adjectives) cost something, so the decoder
/// takes them only when the audio has them. Determinising is the weighted (tropical) construction:
/// each DFA state is a set of NFA states with the cost still owed to each, a move carries the least
/// cost of its candidates as early as possible, and a sentence costs what its cheapest NFA path costs.
/// </remarks>
internal sealed class WordAutomaton
{
    private readonly List<List<(int To, int Word, double Cost)>> _moves = [];
    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);

    public int AddState()
    {
        _moves.Add([]);
        return _moves.Count - 1;
    }

    /// <summary>A move on <paramref name="word"/>, or an empty move when it is null; <paramref name="cost"/> is −ln(probability), 0 for free.</summary>
    public void Add(int from, int to, string? word, double cost = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var id = -1;
        if (word is not null && !_wordIds.TryGetValue(word, out id))
        {
            _wordIds[word] = id = _words.Count;
            _words.Add(word);
        }

        _moves[from].Add((to, id, cost));
    }

    public int NfaStates => _moves.Count;

    /// <summary>
    /// How much of −ln(number of ways out of a state) each way out costs: 0, every move free but for its own cost; 1, the
    /// ways out of a state share its probability evenly, as PocketSphinx's own JSGF conversion shares it among alternatives.
    /// </summary>
    public double ChoiceWeight { get; init; }

    /// <summary>The minimal DFA for the sentences from <paramref name="start"/> to <paramref name="final"/>, as PocketSphinx FSG text.</summary>
    public (string Fsg, int States, int Transitions) ToFsg(int start, int final)
    {
        var (dfa, finalCosts) = Determinize(start, final);
        var (minimal, minimalFinal, root) = Minimize(dfa, finalCosts);
        var end = minimal.Count; // one final state; accepting states reach it by a null transition
        var text = new StringBuilder();
        var transitions = 0;
        for (var state = 0; state < minimal.Count; state++)
        {
            var choice = ChoiceWeight * Math.Log(minimal[state].Count + (minimalFinal[state] is null ? 0 : 1));
            foreach (var (word, cost, to) in minimal[state])
            {
                text.Append(CultureInfo.InvariantCulture, $"TRANSITION {state} {to} {Probability(cost + choice)} {_words[word]}\n");
                transitions++;
            }

            if (minimalFinal[state] is { } finalCost)
            {
                text.Append(CultureInfo.InvariantCulture, $"TRANSITION {state} {end} {Probability(finalCost + choice)}\n");
                transitions++;
            }
        }

        var header = $"FSG_BEGIN voicehub\nNUM_STATES {end + 1}\nSTART_STATE {root}\nFINAL_STATE {end}\n";
        return (header + text + "FSG_END\n", end + 1, transitions);
    }

    private static string Probability(double cost) => cost == 0 ? "1.0" : Math.Exp(-cost).ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Costs are rounded so that the same owed costs reached by different sums make the same DFA state.</summary>
    private static double Round(double cost) => Math.Round(cost, 6);

    private (List<SortedDictionary<int, (int To, double Cost)>> Dfa, List<double?> FinalCosts) Determinize(int start, int final)
    {
        var closures = new Dictionary<int, Dictionary<int, double>>();
        var dfa = new List<SortedDictionary<int, (int To, double Cost)>>();
        var finalCosts = new List<double?>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Queue<KeyValuePair<int, double>[]>();

        int Intern(Dictionary<int, double> owed)
        {
            var set = owed.OrderBy(s => s.Key).ToArray();
            var key = string.Join(',', set.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}:{s.Value:R}")));
            if (!ids.TryGetValue(key, out var id))
            {
                ids[key] = id = dfa.Count;
                dfa.Add([]);
                finalCosts.Add(owed.TryGetValue(final, out var f) ? f : null);
                pending.Enqueue(set);
            }

            return id;
        }

        Intern(Closure([new(start, 0)], closures));
        for (var id = 0; pending.TryDequeue(out var set); id++)
        {
            var byWord = new SortedDictionary<int, Dictionary<int, double>>();
            foreach (var (state, owed) in set)
            {
                foreach (var (to, word, cost) in _moves[state].Where(m => m.Word >= 0))
                {
                    if (!byWord.TryGetValue(word, out var targets))
                    {
                        byWord[word] = targets = [];
                    }

                    targets[to] = Math.Min(targets.GetValueOrDefault(to, double.PositiveInfinity), owed + cost);
                }
            }

            foreach (var (word, targets) in byWord)
            {
                var reached = Closure(targets, closures);
                var least = reached.Values.Min();
                var owedAfter = reached.ToDictionary(r => r.Key, r => Round(r.Value - least));
                dfa[id][word] = (Intern(owedAfter), Round(least));
            }
        }

        return (dfa, finalCosts);
    }

    /// <summary>Every state reachable by empty moves from the given ones, with the least cost to get there.</summary>
    private Dictionary<int, double> Closure(IEnumerable<KeyValuePair<int, double>> states, Dictionary<int, Dictionary<int, double>> cache)
    {
        var result = new Dictionary<int, double>();
        foreach (var (state, cost) in states)
        {
            foreach (var (reached, more) in ClosureOf(state, cache))
            {
                result[reached] = Math.Min(result.GetValueOrDefault(reached, double.PositiveInfinity), cost + more);
            }
        }

        return result;
    }

    private Dictionary<int, double> ClosureOf(int state, Dictionary<int, Dictionary<int, double>> cache)
    {
        if (cache.TryGetValue(state, out var known))
        {
            return known;
        }

        var result = new Dictionary<int, double> { [state] = 0 };
        foreach (var (to, word, cost) in _moves[state])
        {
            if (word < 0)
            {
                foreach (var (reached, more) in ClosureOf(to, cache))
                {
                    result[reached] = Math.Min(result.GetValueOrDefault(reached, double.PositiveInfinity), cost + more);
                }
            }
        }

        return cache[state] = result;
    }

    /// <summary>Merges states with the same future (words, costs, final cost), deepest first (the automaton is acyclic).</summary>
    private static (List<List<(int Word, double Cost, int To)>>, List<double?>, int Root) Minimize(
        List<SortedDictionary<int, (int To, double Cost)>> dfa, List<double?> finalCosts)
    {
        var canonical = new int[dfa.Count];
        Array.Fill(canonical, -1);
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var minimal = new List<List<(int Word, double Cost, int To)>>();
        var minimalFinal = new List<double?>();

        int Visit(int state)
        {
            if (canonical[state] >= 0)
            {
                return canonical[state];
            }

            var moves = dfa[state].Select(m => (Word: m.Key, m.Value.Cost, To: Visit(m.Value.To))).ToList();
            var signature = (finalCosts[state] is { } f ? string.Create(CultureInfo.InvariantCulture, $"F{f:R}") : "N") +
                string.Concat(moves.Select(m => string.Create(CultureInfo.InvariantCulture, $"|{m.Word}:{m.Cost:R}>{m.To}")));
            if (!signatures.TryGetValue(signature, out var id))
            {
                signatures[signature] = id = minimal.Count;
                minimal.Add(moves);
                minimalFinal.Add(finalCosts[state]);
            }

            return canonical[state] = id;
        }

        var root = Visit(0);
        return (minimal, minimalFinal, root);
    }
}
