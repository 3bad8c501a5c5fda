using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Runs a test runner in a workspace folder and reports its summary. The step names a runner, never a
/// command: the command is the runner's fixed one (<see cref="TestRunners"/>). Failing tests are a
/// result, not an error: the step succeeds and says what failed. Only a runner that cannot run (unknown,
/// not enabled, not installed, timed out) fails the step.
/// </summary>
public sealed class TestRunAgent(WorkspaceFolder workspace, ProcessRunner runner, IOptions<ProcessOptions> options) : IAgent, IReportsAvailability
{
    private const int OutputTailCharacters = 4000;

    public string Name => "test";

    public string Description => "Runs an enabled test runner (dotnet, node, npm, pytest, go) and parses its summary.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("run", "Runs `runner` (auto, dotnet, node, npm, pytest or go; `auto` picks it from the folder's files) in the workspace folder `path`; reports passed, failed, skipped, duration, failing tests and exit code."),
    ];

    public AgentAvailability Availability => new(true, Details: new JsonObject
    {
        ["enabledRunners"] = new JsonArray([.. options.Value.EnabledTestRunners.Select(n => JsonValue.Create(n))]),
        ["runnersSetting"] = $"{ProcessOptions.SectionName}:TestRunners",
    });

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "run", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var folder = workspace.ResolveFolder(invocation.Optional("path"));
        var testRunner = Choose(invocation, folder);
        var command = testRunner.Command;
        var outcome = await runner.RunAsync(command, folder, cancellationToken, testRunner.Environment);
        var summary = TestSummaryParser.Parse(testRunner.Name, outcome.Output);

        var status = !summary.Found ? (outcome.ExitCode == 0 ? "unknown" : "error")
            : summary.Failed > 0 || outcome.ExitCode != 0 ? "failed" : "passed";
        var output = new JsonObject
        {
            ["command"] = command.ToString(),
            ["path"] = workspace.Relative(folder),
            ["runner"] = testRunner.Name,
            ["status"] = status,
            ["summaryFound"] = summary.Found,
            ["passed"] = summary.Passed,
            ["failed"] = summary.Failed,
            ["skipped"] = summary.Skipped,
            ["total"] = summary.Passed + summary.Failed + summary.Skipped,
            ["durationSeconds"] = summary.DurationSeconds,
            ["failingTests"] = new JsonArray(summary.FailingTests.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
            ["exitCode"] = outcome.ExitCode,
            ["outputTruncated"] = outcome.OutputTruncated,
            ["outputTail"] = outcome.Output.Length <= OutputTailCharacters ? outcome.Output : outcome.Output[^OutputTailCharacters..],
        };
        output["markdown"] = Render(command, summary, status, outcome);

        var line = summary.Found
            ? $"{command}: {summary.Passed} passed, {summary.Failed} failed, {summary.Skipped} skipped (exit code {outcome.ExitCode})."
            : $"{command} exited with code {outcome.ExitCode}; no test summary found in its output.";
        return new AgentResult(output, line);
    }

    private TestRunner Choose(AgentInvocation invocation, string folder)
    {
        if (invocation.Inputs.ContainsKey("command"))
        {
            throw new NonRetryableAgentException(
                $"The test agent takes no command; name a runner instead: {string.Join(", ", TestRunners.Choices)}.");
        }

        var requested = invocation.Optional("runner") ?? TestRunners.Auto;
        var chosen = string.Equals(requested, TestRunners.Auto, StringComparison.OrdinalIgnoreCase)
            ? TestCommandDetector.Detect(new DirectoryInfo(folder))
            : TestRunners.Find(requested) ?? throw new NonRetryableAgentException(
                $"Unknown test runner '{requested}'; use one of {string.Join(", ", TestRunners.Choices)}.");
        var enabled = options.Value.EnabledTestRunners;
        return enabled.Contains(chosen.Name) ? chosen : throw new NonRetryableAgentException(
            $"The test runner '{chosen.Name}' is not enabled here; enabled: {string.Join(", ", enabled)} " +
            $"(setting {ProcessOptions.SectionName}:TestRunners).");
    }

    private static string Render(CommandLine command, TestSummary summary, string status, ProcessOutcome outcome)
    {
        var text = new StringBuilder();
        text.Append($"{Markdown.Code(command.ToString())}: **{status}** (exit code {outcome.ExitCode}).\n\n");
        if (summary.Found)
        {
            Markdown.Table(text, ["Passed", "Failed", "Skipped", "Duration"],
                [[summary.Passed.ToString(), summary.Failed.ToString(), summary.Skipped.ToString(),
                  summary.DurationSeconds is { } s ? $"{Markdown.Number(s)} s" : "n/a"]]);
        }

        foreach (var name in summary.FailingTests)
        {
            text.Append($"- failed: {Markdown.Code(name)}\n");
        }

        if (!summary.Found || summary.FailingTests.Count == 0 && status != "passed")
        {
            var tail = outcome.Output.Length <= 1500 ? outcome.Output : outcome.Output[^1500..];
            text.Append("\n```text\n").Append(tail.Replace("```", "ʼʼʼ")).Append("\n```\n");
        }

        return text.ToString();
    }
}
