using VoiceHub.ApiService.Commands.Matching;
namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>
/// Parses hassil-style sentence templates: <c>(a | b)</c>, <c>[optional]</c>, <c>{slot}</c>,
/// <c>&lt;rule&gt;</c> and words. Recursive descent, so an error can say exactly what is wrong.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string _text;
    private int _position;

    private TemplateParser(string text) => _text = text;

    /// <exception cref="FormatException">The template is malformed; the message says why and where.</exception>
    public static TemplateNode Parse(string template)
    {
        var parser = new TemplateParser(template);
        var node = parser.ParseAlternatives(allowEmpty: false);
        if (parser._position < template.Length)
        {
            throw parser.Error($"unexpected '{template[parser._position]}' with no matching opening bracket");
        }

        if (!parser.HasContent(node))
        {
            throw new FormatException($"template '{template}' has no words or slots");
        }

        return node;
    }

    private TemplateNode ParseAlternatives(bool allowEmpty)
    {
        var options = new List<TemplateNode> { ParseSequence(allowEmpty) };
        while (Peek() == '|')
        {
            _position++;
            options.Add(ParseSequence(allowEmpty));
        }

        return options.Count == 1 ? options[0] : new AlternativeNode(options, Optional: false);
    }

    private SequenceNode ParseSequence(bool allowEmpty)
    {
        var start = _position;
        var items = new List<TemplateNode>();
        while (Peek() is { } c && c is not ('|' or ')' or ']'))
        {
            if (char.IsWhiteSpace(c))
            {
                _position++;
                continue;
            }

            if (ParseItem() is { } item)
            {
                items.Add(item);
            }
        }

        if (items.Count == 0 && !allowEmpty)
        {
            _position = start;
            throw Error("empty alternative; use [...] for words that may be left out");
        }

        return new SequenceNode(items);
    }

    private TemplateNode? ParseItem()
    {
        var c = _text[_position];
        switch (c)
        {
            case '(':
            case '[':
                var open = _position++;
                var optional = c == '[';
                var inner = ParseAlternatives(allowEmpty: optional);
                var close = optional ? ']' : ')';
                if (Peek() != close)
                {
                    _position = open;
                    throw Error($"'{c}' is never closed with '{close}'");
                }

                _position++;
                var options = inner is AlternativeNode alternatives ? alternatives.Options : [inner];
                return new AlternativeNode(options, optional);
            case '{':
                var slot = ReadName('}', "slot");
                var colon = slot.IndexOf(':');
                return colon < 0 ? new SlotNode(slot, slot) : new SlotNode(slot[..colon].Trim(), slot[(colon + 1)..].Trim());
            case '<':
                return new RuleNode(ReadName('>', "rule"));
            case '}' or '>':
                throw Error($"'{c}' has no matching opening bracket");
            default:
                var wordStart = _position;
                while (Peek() is { } w && !char.IsWhiteSpace(w) && w is not ('(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' or '|'))
                {
                    _position++;
                }

                var word = TextNormalizer.Normalize(_text.AsSpan(wordStart, _position - wordStart));
                return word.Length == 0 ? null : new WordNode(word); // bare punctuation is ignored, as in speech
        }
    }

    private string ReadName(char close, string what)
    {
        var open = _position;
        var end = _text.IndexOf(close, open + 1);
        if (end < 0)
        {
            throw Error($"{what} '{_text[open]}' is never closed with '{close}'");
        }

        var name = _text[(open + 1)..end].Trim();
        if (name.Length == 0 || name.StartsWith(':') || name.EndsWith(':') || name.Any(ch => char.IsWhiteSpace(ch) || "()[]{}<>|".Contains(ch)))
        {
            throw Error($"'{_text[open..(end + 1)]}' is not a valid {what} name (letters, digits, '_' or '-', no spaces)");
        }

        _position = end + 1;
        return name;
    }

    private bool HasContent(TemplateNode node) => node switch
    {
        SequenceNode s => s.Items.Any(HasContent),
        AlternativeNode a => a.Options.Any(HasContent),
        _ => true,
    };

    private char? Peek() => _position < _text.Length ? _text[_position] : null;

    private FormatException Error(string reason) =>
        new($"{reason} (column {_position + 1} of template '{_text}')");
}
