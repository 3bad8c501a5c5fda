using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>
/// Reads grammar YAML files into one <see cref="GrammarDefinition"/>. The representation model
/// (not a deserializer) is used so every error can name the line of the node at fault.
/// </summary>
internal static class GrammarLoader
{
    /// <summary>Loads every <c>*.yaml</c> file of a folder, in file-name order.</summary>
    public static GrammarDefinition LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Intent grammar folder '{directory}' does not exist; set VoiceHub:Commands:GrammarPath or ship Commands/Grammar/*.yaml with the API.");
        }

        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"Intent grammar folder '{directory}' has no *.yaml files.");
        }

        return LoadFiles(files);
    }

    public static GrammarDefinition LoadFiles(IEnumerable<string> files)
    {
        var grammar = new GrammarDefinition();
        foreach (var file in files)
        {
            Load(grammar, file, File.ReadAllText(file));
        }

        return grammar;
    }

    /// <summary>Adds one file's content; <paramref name="file"/> names it in error messages.</summary>
    public static void Load(GrammarDefinition grammar, string file, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new GrammarException(file, (int)e.Start.Line, $"not valid YAML: {e.Message}");
        }

        var nodes = new YamlNodes(file);
        if (stream.Documents.Count == 0)
        {
            throw new GrammarException(file, 1, "the file is empty; expected skip_words, lists, expansion_rules or intents");
        }

        var root = nodes.Mapping(stream.Documents[0].RootNode, "the file");
        foreach (var (key, _, value) in nodes.Entries(root, "the file", "language", "skip_words", "lists", "expansion_rules", "intents"))
        {
            switch (key)
            {
                case "skip_words":
                    grammar.SkipWords.AddRange(nodes.Sequence(value, "skip_words").Select(n => (nodes.Scalar(n, "a skip word"), nodes.At(n))));
                    break;
                case "lists":
                    foreach (var (name, keyNode, list) in nodes.Entries(nodes.Mapping(value, "lists"), "lists"))
                    {
                        var definition = ReadList(nodes, name, keyNode, list);
                        if (!grammar.Lists.TryAdd(name, definition))
                        {
                            throw nodes.At(keyNode).Error($"list '{name}' is already defined at {Describe(grammar.Lists[name].Location)}");
                        }
                    }

                    break;
                case "expansion_rules":
                    foreach (var (name, keyNode, rule) in nodes.Entries(nodes.Mapping(value, "expansion_rules"), "expansion_rules"))
                    {
                        if (!grammar.Rules.TryAdd(name, (nodes.Scalar(rule, $"expansion rule <{name}>"), nodes.At(rule))))
                        {
                            throw nodes.At(keyNode).Error($"expansion rule <{name}> is already defined at {Describe(grammar.Rules[name].Location)}");
                        }
                    }

                    break;
                case "intents":
                    foreach (var (name, keyNode, intent) in nodes.Entries(nodes.Mapping(value, "intents"), "intents"))
                    {
                        ReadIntent(grammar, nodes, name, keyNode, intent);
                    }

                    break;
            }
        }
    }

    private static SlotListDefinition ReadList(YamlNodes nodes, string name, YamlNode keyNode, YamlNode node)
    {
        var what = $"list '{name}'";
        var entries = nodes.Entries(nodes.Mapping(node, what), what, "values", "range", "wildcard", "pattern").ToDictionary(e => e.Key, e => e.Value);
        var location = nodes.At(keyNode);
        if (entries.TryGetValue("values", out var values))
        {
            return new ValueListDefinition(name, location, nodes.Sequence(values, $"values of {what}").Select(v => ReadValue(nodes, what, v)).ToArray());
        }

        if (entries.TryGetValue("range", out var rangeNode))
        {
            var range = nodes.Entries(nodes.Mapping(rangeNode, $"range of {what}"), $"range of {what}", "from", "to").ToDictionary(e => e.Key, e => e.Value);
            if (!range.TryGetValue("from", out var from) || !range.TryGetValue("to", out var to))
            {
                throw nodes.At(rangeNode).Error($"range of {what} needs both 'from' and 'to'");
            }

            var (low, high) = (nodes.Integer(from, "from"), nodes.Integer(to, "to"));
            return low is >= 0 && high >= low
                ? new RangeListDefinition(name, location, low, high)
                : throw nodes.At(rangeNode).Error($"range of {what} must have 0 <= from <= to; got {low}..{high}");
        }

        if (entries.TryGetValue("wildcard", out var wildcard) && nodes.Scalar(wildcard, "wildcard") == "true")
        {
            return new WildcardListDefinition(name, location, entries.TryGetValue("pattern", out var pattern) ? ReadPattern(nodes, pattern) : null);
        }

        throw location.Error($"{what} needs 'values', 'range' or 'wildcard: true'");
    }

    private static ListValueDefinition ReadValue(YamlNodes nodes, string what, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var same = nodes.Scalar(node, $"a value of {what}");
            return new ListValueDefinition([same], same, nodes.At(node));
        }

        var entries = nodes.Entries(nodes.Mapping(node, $"a value of {what}"), $"a value of {what}", "in", "out").ToDictionary(e => e.Key, e => e.Value);
        if (!entries.TryGetValue("in", out var spoken) || !entries.TryGetValue("out", out var value))
        {
            throw nodes.At(node).Error($"a value of {what} needs 'in' (spoken forms) and 'out' (the value)");
        }

        return new ListValueDefinition(nodes.ScalarOrSequence(spoken, "in"), nodes.Scalar(value, "out"), nodes.At(node));
    }

    /// <summary>
    /// A wildcard's pattern, run by .NET's non-backtracking engine: matching is linear in the text, so a
    /// pattern cannot be made slow by what a user types and needs no timeout. (It had a 50 ms timeout;
    /// on a starved CPU that fired on ordinary commands and the RegexMatchTimeoutException became a 500.)
    /// </summary>
    private static Regex ReadPattern(YamlNodes nodes, YamlNode node)
    {
        try
        {
            return new Regex(nodes.Scalar(node, "pattern"), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException e)
        {
            throw nodes.At(node).Error($"pattern uses a construct the linear-time regex engine does not support (backreferences, lookarounds, atomic groups): {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw nodes.At(node).Error($"pattern is not a valid regular expression: {e.Message}");
        }
    }

    private static void ReadIntent(GrammarDefinition grammar, YamlNodes nodes, string name, YamlNode keyNode, YamlNode node)
    {
        // An intent may be spread over several files (as in hassil); its parts are merged.
        var intent = grammar.Intents.Find(i => i.Name == name);
        if (intent is null)
        {
            intent = new IntentDefinition(name, nodes.At(keyNode));
            grammar.Intents.Add(intent);
        }

        var what = $"intent {name}";
        foreach (var (key, entryKey, value) in nodes.Entries(nodes.Mapping(node, what), what, "description", "examples", "data"))
        {
            switch (key)
            {
                case "description" when intent.Description is not null:
                    throw nodes.At(entryKey).Error($"{what} already has a description");
                case "description":
                    intent.Description = nodes.Scalar(value, "description");
                    break;
                case "examples":
                    intent.Examples.AddRange(nodes.Sequence(value, "examples").Select(n => (nodes.Scalar(n, "an example"), nodes.At(n))));
                    break;
                case "data":
                    foreach (var block in nodes.Sequence(value, $"data of {what}"))
                    {
                        ReadDataBlock(intent, nodes, what, block);
                    }

                    break;
            }
        }
    }

    private static void ReadDataBlock(IntentDefinition intent, YamlNodes nodes, string what, YamlNode block)
    {
        var entries = nodes.Entries(nodes.Mapping(block, $"a data block of {what}"), $"a data block of {what}", "sentences", "slots")
            .ToDictionary(e => e.Key, e => e.Value);
        if (!entries.TryGetValue("sentences", out var sentences))
        {
            throw nodes.At(block).Error($"a data block of {what} needs 'sentences'");
        }

        var fixedSlots = entries.TryGetValue("slots", out var slots)
            ? nodes.Entries(nodes.Mapping(slots, "slots"), "slots").ToDictionary(e => e.Key, e => nodes.Scalar(e.Value, $"slot '{e.Key}'"))
            : new Dictionary<string, string>();
        foreach (var sentence in nodes.Sequence(sentences, "sentences"))
        {
            intent.Sentences.Add(new SentenceDefinition(nodes.Scalar(sentence, "a sentence"), nodes.At(sentence), fixedSlots));
        }
    }

    private static string Describe(SourceLocation location) => $"'{location.File}' line {location.Line}";
}
