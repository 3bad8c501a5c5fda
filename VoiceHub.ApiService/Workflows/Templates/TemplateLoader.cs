using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceHub.ApiService.Workflows.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>A template file that cannot be used; the message names the file, the line and the reason.</summary>
public sealed class TemplateLoadException(string message) : Exception(message);

/// <summary>Reads and validates template files. Every problem of a file is reported, not only the first.</summary>
public static partial class TemplateLoader
{
    public static readonly IReadOnlySet<string> InputTypes = new HashSet<string> { "string", "text", "path", "url", "number", "integer", "boolean" };
    public static readonly IReadOnlySet<string> Capabilities = new HashSet<string> { "llm" };

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex NamePattern();

    public static WorkflowTemplate Load(string path, TimeSpan defaultTimeout) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path), defaultTimeout);

    public static WorkflowTemplate Parse(string yaml, string fileName, TimeSpan defaultTimeout)
    {
        var (root, file) = ReadDocument(yaml, fileName);
        var errors = new List<string>();
        void Error(YamlNode? at, string reason) => errors.Add($"{fileName} (line {at?.Start.Line ?? 1}): {reason}");

        CheckHeader(file, root, Error);
        var inputs = ReadInputs(file, Child(root, "inputs") as YamlSequenceNode, Error);
        if (file.Steps is not { Count: > 0 })
        {
            Error(root, "steps: at least one step is required.");
        }

        var steps = ReadSteps(file, Child(root, "steps") as YamlSequenceNode, inputs, defaultTimeout, Error);
        if (errors.Count > 0)
        {
            throw new TemplateLoadException(string.Join(Environment.NewLine, errors));
        }

        return new WorkflowTemplate(file.Id!, file.Name!, file.Description ?? "", file.Category ?? "general",
            file.Requires ?? [], inputs, steps, file.Examples ?? []);
    }

    /// <summary>The YAML mapping (for line numbers) and the same document read into the file's shape.</summary>
    private static (YamlMappingNode Root, TemplateFile File) ReadDocument(string yaml, string fileName)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode map
                ? map
                : throw new TemplateLoadException($"{fileName} (line 1): a template file holds one YAML mapping.");
        }
        catch (YamlException ex)
        {
            throw new TemplateLoadException($"{fileName} (line {ex.Start.Line}): {ex.InnerException?.Message ?? ex.Message}");
        }

        try
        {
            return (root, YamlToJson.Convert(root).Deserialize<TemplateFile>(ReadOptions)!);
        }
        catch (JsonException ex)
        {
            throw new TemplateLoadException($"{fileName} (line 1): a field has the wrong type ({ex.Path}): {ex.Message}");
        }
    }

    private static void CheckHeader(TemplateFile file, YamlMappingNode root, Action<YamlNode?, string> error)
    {
        if (file.Id is null || !IdPattern().IsMatch(file.Id))
        {
            error(Child(root, "id"), "id is required: lowercase letters, digits and dashes.");
        }

        if (string.IsNullOrWhiteSpace(file.Name))
        {
            error(root, "name is required.");
        }

        foreach (var capability in (file.Requires ?? []).Where(c => !Capabilities.Contains(c)))
        {
            error(Child(root, "requires"), $"unknown requirement '{capability}'; known: {string.Join(", ", Capabilities)}.");
        }
    }

    private static List<TemplateInput> ReadInputs(TemplateFile file, YamlSequenceNode? nodes, Action<YamlNode?, string> error)
    {
        var inputs = new List<TemplateInput>();
        for (var i = 0; i < (file.Inputs?.Count ?? 0); i++)
        {
            var input = file.Inputs![i];
            var node = nodes?.Children.ElementAtOrDefault(i);
            if (input.Name is null || !NamePattern().IsMatch(input.Name) || inputs.Any(x => x.Name == input.Name))
            {
                error(node, $"input {i + 1} needs a unique name of letters, digits and underscores.");
                continue;
            }

            var type = input.Type ?? "string";
            if (!InputTypes.Contains(type))
            {
                error(node, $"input '{input.Name}' has unknown type '{type}'; known: {string.Join(", ", InputTypes)}.");
            }

            if (input.Pattern is not null && !IsRegex(input.Pattern))
            {
                error(node, $"input '{input.Name}' has a pattern that is not a valid regular expression.");
            }

            var fallback = input.Default is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
            inputs.Add(new TemplateInput(input.Name, type, input.Required, fallback, input.Description, input.MaxLength,
                input.Pattern, input.Allowed, input.Min, input.Max));
        }

        return inputs;
    }

    private static List<TemplateStep> ReadSteps(
        TemplateFile file, YamlSequenceNode? nodes, List<TemplateInput> inputs, TimeSpan defaultTimeout, Action<YamlNode?, string> error)
    {
        var steps = new List<TemplateStep>();
        for (var i = 0; i < (file.Steps?.Count ?? 0); i++)
        {
            var step = file.Steps![i];
            var node = nodes?.Children.ElementAtOrDefault(i);
            if (step.Id is null || !NamePattern().IsMatch(step.Id.Replace('-', '_')) || steps.Any(s => s.Id == step.Id))
            {
                error(node, $"step {i + 1} needs a unique id.");
                continue;
            }

            steps.Add(ReadStep(step, node, steps, inputs, defaultTimeout, error));
        }

        return steps;
    }

    private static TemplateStep ReadStep(
        TemplateFile.StepFile step, YamlNode? node, List<TemplateStep> before, List<TemplateInput> inputs, TimeSpan defaultTimeout,
        Action<YamlNode?, string> error)
    {
        if (string.IsNullOrWhiteSpace(step.Agent) || string.IsNullOrWhiteSpace(step.Action))
        {
            error(node, $"step '{step.Id}' needs an agent and an action.");
        }

        // Without dependsOn a step follows the one before it; dependsOn: [] starts a parallel branch.
        var dependsOn = step.DependsOn ?? (before.Count > 0 ? [before[^1].Id] : []);
        foreach (var dependency in dependsOn.Where(d => before.All(s => s.Id != d)))
        {
            error(node, $"step '{step.Id}' depends on '{dependency}', which is not a step defined before it.");
        }

        var timeout = defaultTimeout;
        if (step.Timeout is not null && !DurationText.TryParse(step.Timeout, out timeout))
        {
            error(node, $"step '{step.Id}' timeout '{step.Timeout}' is not a duration like 500ms, 30s, 2m.");
        }

        var with = step.With ?? [];
        CheckReferences(step.Id!, with, Ancestors(dependsOn, before), inputs, node, error);
        return new TemplateStep(step.Id!, step.Agent ?? "", step.Action ?? "", with, dependsOn, timeout, ReadRetry(step, node, error));
    }

    /// <summary>Every <c>${...}</c> in a step's inputs names an input, the workflow, or an output of a step it depends on.</summary>
    private static void CheckReferences(
        string stepId, JsonObject with, IReadOnlySet<string> ancestors, List<TemplateInput> inputs, YamlNode? node, Action<YamlNode?, string> error)
    {
        foreach (var reference in StepInputResolver.ReferencesIn(with))
        {
            var parts = reference.Split('.');
            var ok = parts[0] switch
            {
                "inputs" => parts.Length == 2 && inputs.Any(x => x.Name == parts[1]),
                "workflow" => parts.Length == 2 && parts[1] is "id" or "number" or "name",
                "steps" => parts.Length >= 3 && ancestors.Contains(parts[1]) && parts[2] is "output" or "summary" or "status",
                _ => false,
            };
            if (!ok)
            {
                error(node, $"step '{stepId}' references '${{{reference}}}', which is not an input or an output of a step it depends on.");
            }
        }
    }

    private static RetryPolicy ReadRetry(TemplateFile.StepFile step, YamlNode? node, Action<YamlNode?, string> error)
    {
        var policy = RetryPolicy.Default;
        if (step.Retry is not { } retry)
        {
            return policy;
        }

        if (retry.MaxAttempts is { } attempts)
        {
            if (attempts is < 1 or > 20)
            {
                error(node, $"step '{step.Id}' retry.maxAttempts must be 1..20.");
            }

            policy = policy with { MaxAttempts = attempts };
        }

        if (retry.InitialInterval is not null)
        {
            if (!DurationText.TryParse(retry.InitialInterval, out var initial))
            {
                error(node, $"step '{step.Id}' retry.initialInterval is not a duration.");
            }

            policy = policy with { InitialInterval = initial, MaxInterval = TimeSpan.FromTicks(initial.Ticks * 100) };
        }

        if (retry.BackoffCoefficient is { } coefficient)
        {
            if (coefficient < 1)
            {
                error(node, $"step '{step.Id}' retry.backoffCoefficient must be 1 or more.");
            }

            policy = policy with { BackoffCoefficient = coefficient };
        }

        if (retry.MaxInterval is not null)
        {
            if (!DurationText.TryParse(retry.MaxInterval, out var max))
            {
                error(node, $"step '{step.Id}' retry.maxInterval is not a duration.");
            }

            policy = policy with { MaxInterval = max };
        }

        return policy;
    }

    private static HashSet<string> Ancestors(IEnumerable<string> dependsOn, List<TemplateStep> steps)
    {
        var result = new HashSet<string>();
        var pending = new Stack<string>(dependsOn);
        while (pending.TryPop(out var id))
        {
            if (result.Add(id) && steps.FirstOrDefault(s => s.Id == id) is { } step)
            {
                foreach (var parent in step.DependsOn)
                {
                    pending.Push(parent);
                }
            }
        }

        return result;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
