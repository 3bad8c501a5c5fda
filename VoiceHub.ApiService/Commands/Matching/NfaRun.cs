using System.Buffers;

namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// One simulation of the grammar NFA over a sentence (Pike's VM, generalised to moves that
/// consume several words at once: multi-word list values and numbers). Positions are processed
/// left to right; at each position a state is entered at most once, by the highest-priority
/// path. That bound is what keeps wildcards from backtracking exponentially.
/// </summary>
internal ref struct NfaRun
{
    private readonly CompiledGrammar _grammar;
    private readonly string _text;
    private readonly ReadOnlySpan<Token> _tokens;
    private readonly int[] _visited;
    private readonly List<PathHead>?[] _pending;
    private readonly List<(int Template, Capture? Captures)> _accepted = [];

    // Shared by every list move of this run: a list move schedules its results before any other move runs.
    private readonly (string Value, int Length)[] _listValues = new (string, int)[ListTrie.MaxMatches];

    private NfaRun(CompiledGrammar grammar, string text, ReadOnlySpan<Token> tokens, int[] visited)
    {
        _grammar = grammar;
        _text = text;
        _tokens = tokens;
        _visited = visited;
        _pending = new List<PathHead>?[tokens.Length + 1];
    }

    /// <summary>The templates that match the whole of <paramref name="tokens"/>, in priority order, with their captures.</summary>
    public static List<(int Template, Capture? Captures)> Run(CompiledGrammar grammar, string text, ReadOnlySpan<Token> tokens)
    {
        var visited = ArrayPool<int>.Shared.Rent(grammar.States.Length);
        Array.Clear(visited, 0, grammar.States.Length);
        try
        {
            var run = new NfaRun(grammar, text, tokens, visited);
            run.Schedule(0, grammar.Start, null, -1);
            for (var position = 0; position <= tokens.Length; position++)
            {
                // Moves always consume at least one word, so this list cannot grow while it is read.
                if (run._pending[position] is { } heads)
                {
                    foreach (var head in heads)
                    {
                        run.Enter(head.State, head.Captures, head.WildcardStart, position);
                    }
                }
            }

            return run._accepted;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(visited);
        }
    }

    private void Enter(int index, Capture? captures, int wildcardStart, int position)
    {
        // Stamp = position + 1, so the array never needs clearing between positions.
        if (_visited[index] == position + 1)
        {
            return;
        }

        _visited[index] = position + 1;
        var state = _grammar.States[index];
        var atEnd = position == _tokens.Length;
        switch (state.Kind)
        {
            case StateKind.Split:
                foreach (var alternative in state.Alternatives!)
                {
                    Enter(alternative, captures, wildcardStart, position);
                }

                break;
            case StateKind.Word when !atEnd && _tokens[position].WordId == state.Argument:
                Schedule(position + 1, state.Next, captures, wildcardStart);
                break;
            case StateKind.List when !atEnd:
                EnterList(state, captures, wildcardStart, position);
                break;
            case StateKind.Number when !atEnd:
                EnterNumber(state, captures, wildcardStart, position);
                break;
            case StateKind.WildcardBegin when !atEnd:
                Schedule(position + 1, state.Next, captures, position);
                break;
            case StateKind.WildcardLoop:
                EnterWildcardLoop(index, state, captures, wildcardStart, position, atEnd);
                break;
            case StateKind.Accept when atEnd:
                _accepted.Add((state.Argument, captures));
                break;
        }
    }

    /// <summary>Every spoken form of the list that starts here moves on, captured with its value.</summary>
    private void EnterList(NfaState state, Capture? captures, int wildcardStart, int position)
    {
        var values = _listValues;
        var listCount = _grammar.Tries[state.Argument].Match(_tokens, position, values);
        for (var i = 0; i < listCount; i++)
        {
            var end = position + values[i].Length;
            Schedule(end, state.Next, new Capture(state.Slot, position, end, values[i].Value, captures), wildcardStart);
        }
    }

    /// <summary>Every number read from here ("twenty", "twenty one") that lies in the range moves on.</summary>
    private void EnterNumber(NfaState state, Capture? captures, int wildcardStart, int position)
    {
        Span<(int Value, int Length)> numbers = stackalloc (int, int)[8];
        var numberCount = NumberWords.Parse(_tokens, position, _grammar.NumberValueByWord, _grammar.AndWord, numbers);
        var (from, to) = _grammar.Ranges[state.Argument];
        for (var i = 0; i < numberCount; i++)
        {
            if (numbers[i].Value >= from && numbers[i].Value <= to)
            {
                var end = position + numbers[i].Length;
                Schedule(end, state.Next, new Capture(state.Slot, position, end, numbers[i].Value, captures), wildcardStart);
            }
        }
    }

    /// <summary>A wildcard may end here (tried first, so the words after it get the first chance) or take one more word.</summary>
    private void EnterWildcardLoop(int index, NfaState state, Capture? captures, int wildcardStart, int position, bool atEnd)
    {
        if (PatternAllows(state.Argument, wildcardStart, position))
        {
            Enter(state.Next, new Capture(state.Slot, wildcardStart, position, null, captures), -1, position);
        }

        if (!atEnd)
        {
            Schedule(position + 1, index, captures, wildcardStart);
        }
    }

    private readonly bool PatternAllows(int list, int start, int end)
    {
        if (_grammar.Patterns[list] is not { } pattern)
        {
            return true;
        }

        var span = _text.AsSpan(_tokens[start].Start, _tokens[end - 1].End - _tokens[start].Start);
        return pattern.IsMatch(WildcardText.Trim(span));
    }

    private readonly void Schedule(int position, int state, Capture? captures, int wildcardStart) =>
        (_pending[position] ??= []).Add(new PathHead(state, captures, wildcardStart));

    private readonly record struct PathHead(int State, Capture? Captures, int WildcardStart);
}
