using System.Text;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Finds methods and functions longer than a threshold without parsing: a start line recognised by
/// a pattern per language, then the body followed by brace depth (C#, Java, JavaScript, TypeScript,
/// Go; strings and comments removed first) or by indentation (Python). Heuristic by design: it can
/// miss unusual declarations, and it never reads code as anything but text.
/// </summary>
internal static partial class LongMethodFinder
{
    private static readonly HashSet<string> NotNames =
    [
        "if", "for", "foreach", "while", "switch", "catch", "using", "lock", "return", "new", "else", "do", "try",
        "fixed", "checked", "unchecked", "typeof", "nameof", "sizeof", "default", "when", "function", "await", "throw",
        "yield", "var", "in", "is", "as", "case", "base", "this", "get", "set", "init", "with", "select", "where",
    ];

    // Modifiers or a return type, then a name and an opening parenthesis; no '=' before it (that is a call or assignment).
    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:[\w<>\[\],.?]+\s+)+(?<name>[A-Za-z_]\w*)\s*(?:<[^()=]*>)?\s*\(")]
    private static partial Regex CSharpStart();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(?<name>[A-Za-z_$][\w$]*)?\s*\(|^\s*(?:export\s+)?(?:const|let|var)\s+(?<name>[A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)|^\s*(?:(?:public|private|protected|static|async|get|set|override|readonly)\s+)*(?<name>[A-Za-z_$][\w$]*)\s*\([^;]*\)\s*(?::\s*[^={;]+)?\{\s*$")]
    private static partial Regex JavaScriptStart();

    // A type with a primary constructor looks like a method to the pattern above.
    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum|delegate|namespace)\b")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^func\s+(?:\([^)]*\)\s*)?(?<name>[A-Za-z_]\w*)")]
    private static partial Regex GoStart();

    [GeneratedRegex(@"^(?<indent>\s*)(?:async\s+)?def\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex PythonStart();

    public static IEnumerable<LongMethod> Find(string file, IReadOnlyList<string> lines, MethodStyle style, int threshold) => style switch
    {
        MethodStyle.Python => FindByIndent(file, lines, threshold),
        MethodStyle.CSharp => FindByBraces(file, lines, CSharpStart(), threshold),
        MethodStyle.JavaScript => FindByBraces(file, lines, JavaScriptStart(), threshold),
        MethodStyle.Go => FindByBraces(file, lines, GoStart(), threshold),
        _ => [],
    };

    private static IEnumerable<LongMethod> FindByBraces(string file, IReadOnlyList<string> lines, Regex start, int threshold)
    {
        var code = StripStringsAndComments(lines);
        for (var i = 0; i < code.Count; i++)
        {
            var match = start.Match(code[i]);
            if (!match.Success || (match.Groups["name"].Success && NotNames.Contains(match.Groups["name"].Value)) ||
                TypeDeclaration().IsMatch(match.Value))
            {
                continue;
            }

            if (BodyEnd(code, i) is { } end && end - i + 1 > threshold)
            {
                var name = match.Groups["name"].Success ? match.Groups["name"].Value : "(anonymous)";
                yield return new LongMethod(file, i + 1, name, end - i + 1);
            }
        }
    }

    /// <summary>
    /// Index of the line closing the body that opens on or after <paramref name="startLine"/>, or
    /// null when a ';' or '=>' comes first (a call, an abstract or expression-bodied member).
    /// </summary>
    private static int? BodyEnd(IReadOnlyList<string> code, int startLine)
    {
        var depth = 0;
        var opened = false;
        var parens = 0;
        for (var i = startLine; i < code.Count; i++)
        {
            var line = code[i];
            for (var c = 0; c < line.Length; c++)
            {
                switch (line[c])
                {
                    case '(':
                        parens++;
                        break;
                    case ')':
                        parens--;
                        break;
                    case ';' when !opened && parens <= 0:
                        return null;
                    case '=' when !opened && parens <= 0 && c + 1 < line.Length && line[c + 1] == '>':
                        return null;
                    case '{':
                        depth++;
                        opened = true;
                        break;
                    case '}' when opened:
                        if (--depth == 0)
                        {
                            return i;
                        }

                        break;
                }
            }

            // A declaration's body starts within a few lines (parameters, constraints) or it is not one.
            if (!opened && i - startLine > 10)
            {
                return null;
            }
        }

        return null;
    }

    private static IEnumerable<LongMethod> FindByIndent(string file, IReadOnlyList<string> lines, int threshold)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var match = PythonStart().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var indent = Indent(lines[i]);
            var last = i;
            for (var j = i + 1; j < lines.Count; j++)
            {
                var trimmed = lines[j].TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                if (Indent(lines[j]) <= indent)
                {
                    break;
                }

                last = j;
            }

            if (last - i + 1 > threshold)
            {
                yield return new LongMethod(file, i + 1, match.Groups["name"].Value, last - i + 1);
            }
        }
    }

    private static int Indent(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4;
            }
            else
            {
                break;
            }
        }

        return width;
    }

    /// <summary>
    /// The lines with string and character literals emptied and comments removed, so braces and
    /// semicolons inside them do not count. Block comments may span lines; strings are taken to end
    /// on their line (multi-line raw strings are rare enough to accept the error).
    /// </summary>
    private static List<string> StripStringsAndComments(IReadOnlyList<string> lines)
    {
        var result = new List<string>(lines.Count);
        var inBlockComment = false;
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Clear();
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inBlockComment)
                {
                    if (c == '*' && i + 1 < line.Length && line[i + 1] == '/')
                    {
                        inBlockComment = false;
                        i++;
                    }

                    continue;
                }

                if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
                {
                    break;
                }

                if (c == '/' && i + 1 < line.Length && line[i + 1] == '*')
                {
                    inBlockComment = true;
                    i++;
                    continue;
                }

                if (c is '"' or '\'' or '`')
                {
                    var verbatim = c == '"' && i > 0 && line[i - 1] == '@';
                    i++;
                    while (i < line.Length && line[i] != c)
                    {
                        if (line[i] == '\\' && !verbatim)
                        {
                            i++;
                        }

                        i++;
                    }

                    text.Append(c).Append(c);
                    continue;
                }

                text.Append(c);
            }

            result.Add(text.ToString());
        }

        return result;
    }
}
