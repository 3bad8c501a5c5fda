using System.Text;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// Keeps the first quarter and the last three quarters of a command's output within a character
/// budget: the start says what ran, the end holds the summary test runners print.
/// </summary>
internal sealed class BoundedOutput(int maxCharacters)
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _head = new();
    private readonly LinkedList<string> _tail = new();
    private readonly int _headBudget = maxCharacters / 4;
    private readonly int _tailBudget = maxCharacters - maxCharacters / 4;
    private int _tailLength;
    private long _omitted;

    /// <summary>Longest piece of one line kept; longer lines are cut while they are read.</summary>
    public int MaxLineCharacters => Math.Max(1, _tailBudget - 1);

    public bool Truncated
    {
        get
        {
            lock (_lock)
            {
                return _omitted > 0;
            }
        }
    }

    public void AppendLine(string line)
    {
        lock (_lock)
        {
            if (_tail.Count == 0 && _head.Length + line.Length + 1 <= _headBudget)
            {
                _head.Append(line).Append('\n');
                return;
            }

            if (line.Length + 1 > _tailBudget)
            {
                _omitted += line.Length + 1 - _tailBudget;
                line = line[^(_tailBudget - 1)..];
            }

            _tail.AddLast(line);
            _tailLength += line.Length + 1;
            while (_tailLength > _tailBudget)
            {
                _tailLength -= _tail.First!.Value.Length + 1;
                _omitted += _tail.First.Value.Length + 1;
                _tail.RemoveFirst();
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder(_head.ToString());
            if (_omitted > 0)
            {
                text.Append($"[... {_omitted} characters of output omitted ...]\n");
            }

            foreach (var line in _tail)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString();
        }
    }
}
