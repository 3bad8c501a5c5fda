using System.Text;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Runs an allow-listed test command in a workspace folder and reports its summary. Failing tests
/// are a result, not an error: the step succeeds and says what failed. Only a command that cannot
/// run (not allowed, not installed, timed out) fails the step.
/// </summary>
public sealed class TestRunAgent(WorkspaceFolder workspace, ProcessRunner runner) : IAgent
{
    private const int OutputTailCharacters = 4000;

    public string Name => "test";

    public string Description => "Runs an allow-listed test command and parses its summary (dotnet test, pytest, node --test, npm test, go test).";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("run", "Runs `command` (allow-listed; `auto` picks it from the folder's files) in the workspace folder `path`; reports passed, failed, skipped, duration, failing tests and exit code."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "run", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var folder = workspace.ResolveFolder(invocation.Optional("path"));
        var requested = invocation.Optional("command") ?? TestCommandDetector.Auto;
        var command = CommandLine.Parse(string.Equals(requested.Trim(), TestCommandDetector.Auto, StringComparison.OrdinalIgnoreCase)
            ? TestCommandDetector.Detect(new DirectoryInfo(folder))
            : requested);
        var outcome = await runner.RunAsync(command, folder, cancellationToken);
        var summary = TestSummaryParser.Parse(command.Program, outcome.Output);

        var status = !summary.Found ? (outcome.ExitCode == 0 ? "unknown" : "error")
            : summary.Failed > 0 || outcome.ExitCode != 0 ? "failed" : "passed";
        var output = new JsonObject
        {
            ["command"] = command.ToString(),
            ["path"] = workspace.Relative(folder),
            ["runner"] = summary.Runner,
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
