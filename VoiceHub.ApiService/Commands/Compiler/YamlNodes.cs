using YamlDotNet.RepresentationModel;

namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>Reads YAML nodes with errors that name the file and line of the offending node.</summary>
internal sealed record YamlNodes(string File)
{
    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw At(node).Error($"{what} must be a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw At(node).Error($"{what} must be a list ('- item' lines)");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw At(node).Error($"{what} must be a non-empty text value");

    /// <summary>A single value or a list of values, e.g. <c>in: running</c> or <c>in: [running, active]</c>.</summary>
    public IReadOnlyList<string> ScalarOrSequence(YamlNode node, string what) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(n => Scalar(n, what)).ToArray() : [Scalar(node, what)];

    public int Integer(YamlNode node, string what) =>
        int.TryParse(Scalar(node, what), out var value) ? value : throw At(node).Error($"{what} must be a whole number");

    /// <summary>The mapping's entries by key, refusing keys the grammar does not know (likely typos).</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping, string what, params string[] allowed)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Scalar(keyNode, $"a key of {what}");
            if (allowed.Length > 0 && !allowed.Contains(key))
            {
                throw At(keyNode).Error($"unknown key '{key}' in {what}; expected one of: {string.Join(", ", allowed)}");
            }

            yield return (key, keyNode, value);
        }
    }
}
