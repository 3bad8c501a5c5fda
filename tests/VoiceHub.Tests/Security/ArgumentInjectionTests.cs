using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;
using VoiceHub.Tests.Agents;

namespace VoiceHub.Tests.Security;

/// <summary>
/// No template input becomes program arguments: the test agent takes a runner name whose command is
/// fixed, and the git agent passes paths only after "--". Every runner and every hostile value is tried.
/// </summary>
public sealed class ArgumentInjectionTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Every runner with the exact command the hub builds for it: a new runner is one line here.</summary>
    public static TheoryData<string, string[]> Runners => new()
    {
        { "dotnet", ["dotnet", "test"] },
        { "node", ["node", "--test", "--test-reporter=tap"] },
        { "npm", ["npm", "test"] },
        { "pytest", ["pytest", "-p", "no:cacheprovider"] },
        { "go", ["go", "test", "./..."] },
    };

    public static TheoryData<string, string> RunnersTimesHostileValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var runner in TestRunners.All)
        {
            foreach (var value in HostileInputs.Values)
            {
                data.Add(runner.Name, value);
            }
        }

        return data;
    }

    [Fact]
    public void Every_runner_is_listed_here_and_offered_by_the_run_tests_template()
    {
        var template = new TemplateCatalog(Options.Create(new WorkflowOptions())).Find("run-tests")!;
        var runnerInput = template.Inputs.Single(i => i.Name == "runner");

        Assert.Equal(TestRunners.All.Select(r => r.Name).Order(), Runners.Select(row => (string)row[0]).Order());
        Assert.Equal(TestRunners.Choices.Order(), runnerInput.Allowed!.Order());
        Assert.DoesNotContain(template.Inputs, i => i.Name == "command");
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public void A_runner_command_is_fixed_words(string runner, string[] command)
    {
        Assert.Equal(command, TestRunners.Find(runner)!.Command.Words);
    }

    [Theory]
    [MemberData(nameof(RunnersTimesHostileValues))]
    public async Task Hostile_values_in_the_test_agent_inputs_never_run_anything(string runner, string hostile)
    {
        var agent = _workspace.TestAgent();
        _workspace.Write("suite/a.test.js", "");

        var asRunner = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("run", new { runner = hostile, path = "suite" }));
        var asPath = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("run", new { runner, path = hostile }));
        var asCommand = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("run", new { runner, path = "suite", command = hostile }));

        Assert.Contains("Unknown test runner", asRunner.Message);
        Assert.Contains("use one of auto, dotnet, node, npm, pytest, go", asRunner.Message);
        Assert.Matches("refused|not a folder", asPath.Message);
        Assert.Contains("takes no command", asCommand.Message);
        Assert.All(new[] { asRunner, asPath, asCommand }, e => Assert.DoesNotContain(_workspace.Root, e.Message));
    }

    [Theory]
    [MemberData(nameof(HostileInputs.All), MemberType = typeof(HostileInputs))]
    public async Task Extra_inputs_never_reach_the_runner(string hostile)
    {
        _workspace.Write("suite/ok.test.js", "require('node:test')('fine', () => {});\n");

        var result = await _workspace.TestAgent("node").RunAsync("run", new { runner = "node", path = "suite", args = hostile, options = hostile, reporter = hostile });

        Assert.Equal("node --test --test-reporter=tap", result.Out()["command"]!.GetValue<string>());
        Assert.Equal("passed", result.Out()["status"]!.GetValue<string>());
        Assert.DoesNotContain(HostileInputs.PasswdContent, result.Out().ToJsonString());
    }

    [Theory]
    [MemberData(nameof(HostileInputs.All), MemberType = typeof(HostileInputs))]
    public async Task Hostile_paths_for_the_git_agent_are_refused_or_missing_never_arguments(string hostile)
    {
        _workspace.Git("init", "-q");
        var agent = new GitAgent(_workspace.Folder, _workspace.Runner());

        foreach (var action in new[] { "status", "log", "diffstat" })
        {
            var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync(action, new { path = hostile, count = hostile }));

            Assert.DoesNotContain(HostileInputs.PasswdContent, error.Message);
            Assert.DoesNotContain(_workspace.Root, error.Message);
        }
    }

    [Fact]
    public async Task A_file_named_like_a_git_option_is_a_path_not_an_option()
    {
        _workspace.Git("init", "-q");
        var target = Path.Combine(_workspace.Parent, "pwned.txt");
        var option = $"--output={target}";
        _workspace.Write(option, "text");
        var agent = new GitAgent(_workspace.Folder, _workspace.Runner());

        var diff = await agent.RunAsync("diffstat", new { path = option });
        await agent.RunAsync("status", new { path = option });
        await agent.RunAsync("log", new { path = option });

        Assert.False(File.Exists(target), "git treated a file name as its --output option.");
        Assert.Equal(0, diff.Out()["filesChanged"]!.GetValue<int>());
    }
}
