using System.Text;
using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Composes a Markdown report from earlier steps' results and stores it as the artifact <c>report.md</c>.</summary>
public sealed class ReportAgent : IAgent
{
    public const string ReportArtifact = "report.md";

    public string Name => "report";

    public string Description => "Writes a Markdown report of earlier steps (tables, lists, chart) and saves it as report.md.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("compose", "Renders `title` and `sections` ([{heading, from: step id}]) from the named steps' outputs; saves report.md."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "compose", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var title = invocation.Optional("title") ?? "Report";
        var sections = ReadSections(invocation.Inputs["sections"]);
        var steps = invocation.Steps ?? new Dictionary<string, StepResultView>();
        var text = new StringBuilder($"# {title.ReplaceLineEndings(" ")}\n\n");
        foreach (var (heading, from) in sections)
        {
            text.Append($"## {heading.ReplaceLineEndings(" ")}\n\n");
            text.Append(ReportSectionRenderer.Render(from, steps.GetValueOrDefault(from)));
        }

        var markdown = text.ToString().TrimEnd() + "\n";
        await invocation.Artifacts.SaveAsync(ReportArtifact, "text/markdown", Encoding.UTF8.GetBytes(markdown), cancellationToken);
        var output = new JsonObject
        {
            ["artifact"] = ReportArtifact,
            ["length"] = markdown.Length,
            ["sections"] = new JsonArray(sections.Select(s => (JsonNode)JsonValue.Create(s.Heading)).ToArray()),
        };
        return new AgentResult(output, $"Report '{title}' with {sections.Count} section(s), {markdown.Length} characters, saved as {ReportArtifact}.");
    }

    private static List<(string Heading, string From)> ReadSections(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            throw new NonRetryableAgentException("compose needs `sections`: a list of {heading, from} where `from` names an earlier step.");
        }

        return array.Select((item, i) =>
        {
            var from = (item as JsonObject)?["from"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(from))
            {
                throw new NonRetryableAgentException($"Section {i + 1} needs `from`: the id of the step to report.");
            }

            var heading = (item as JsonObject)?["heading"]?.GetValue<string>();
            return (string.IsNullOrWhiteSpace(heading) ? from : heading, from);
        }).ToList();
    }
}
