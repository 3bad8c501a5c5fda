using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class TestRunAgentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_failing_node_test_run_is_a_successful_step_that_names_the_failures()
    {
        _workspace.Write("tests/math.test.mjs", """
            import test from 'node:test';
            import assert from 'node:assert';
            test('adds', () => assert.strictEqual(1 + 1, 2));
            test('subtracts wrongly', () => assert.strictEqual(2 - 1, 3));
            test('later', { skip: true }, () => {});
            """);
        var agent = _workspace.TestAgent("node");

        var result = await agent.RunAsync("run", new { runner = "node", path = "tests" });

        var output = result.Out();
        Assert.Equal("failed", output["status"]!.GetValue<string>());
        Assert.Equal(1, output["passed"]!.GetValue<int>());
        Assert.Equal(1, output["failed"]!.GetValue<int>());
        Assert.Equal(1, output["skipped"]!.GetValue<int>());
        Assert.NotEqual(0, output["exitCode"]!.GetValue<int>());
        Assert.Equal(["subtracts wrongly"], output["failingTests"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("1 failed", result.Summary);
    }

    [Fact]
    public async Task A_runner_that_is_not_enabled_fails_the_step_naming_the_setting()
    {
        _workspace.Write("tests/a.test.mjs", "");
        var agent = _workspace.TestAgent("dotnet");

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("run", new { runner = "auto", path = "tests" }));

        Assert.Contains("'node' is not enabled", error.Message);
        Assert.Contains("VoiceHub:Agents:TestRunners", error.Message);
    }

    [Fact]
    public async Task The_report_names_the_fixed_command_that_ran()
    {
        _workspace.Write("tests/ok.test.mjs", "import test from 'node:test';\ntest('fine', () => {});\n");

        var result = await _workspace.TestAgent().RunAsync("run", new { path = "tests" });

        Assert.Equal("node --test --test-reporter=tap", result.Out()["command"]!.GetValue<string>());
        Assert.Equal("passed", result.Out()["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_folder_must_be_inside_the_workspace()
    {
        var agent = _workspace.TestAgent();

        await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync("run", new { runner = "node", path = ".." }));
    }

    [Fact]
    public void Dotnet_summaries_are_added_up_with_failing_names()
    {
        var summary = TestSummaryParser.Parse("dotnet", """
              Failed VoiceHub.Tests.MathTests.Adds [12 ms]
              Error Message:
               Assert.Equal() Failure
            Failed!  - Failed:     1, Passed:     4, Skipped:     1, Total:     6, Duration: 1 s - A.Tests.dll (net10.0)
            Passed!  - Failed:     0, Passed:     5, Skipped:     0, Total:     5, Duration: 250 ms - B.Tests.dll (net10.0)
            """);

        Assert.Equal((9, 1, 1), (summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal(1.25, summary.DurationSeconds);
        Assert.Equal(["VoiceHub.Tests.MathTests.Adds"], summary.FailingTests);
    }

    [Fact]
    public void Pytest_summary_and_failures_are_read()
    {
        var summary = TestSummaryParser.Parse("pytest", """
            FAILED tests/test_math.py::test_sub - assert 1 == 3
            ERROR tests/test_db.py::test_connect
            ==== 3 passed, 1 failed, 2 skipped, 1 error in 0.12s ====
            """);

        Assert.Equal((3, 2, 2), (summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal(0.12, summary.DurationSeconds);
        Assert.Equal(["tests/test_math.py::test_sub", "tests/test_db.py::test_connect"], summary.FailingTests);
    }

    [Fact]
    public void Tap_summary_from_npm_test_is_read()
    {
        var summary = TestSummaryParser.Parse("npm", """
            ok 1 - adds
            not ok 2 - subtracts # time=1ms
            # tests 3
            # pass 1
            # fail 1
            # skipped 1
            # duration_ms 12.5
            """);

        Assert.Equal((1, 1, 1), (summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal(0.0125, summary.DurationSeconds);
        Assert.Equal(["subtracts"], summary.FailingTests);
    }

    [Fact]
    public void Go_test_output_is_read()
    {
        var summary = TestSummaryParser.Parse("go", """
            --- PASS: TestAdd (0.00s)
            --- FAIL: TestSub (0.00s)
                math_test.go:12: got 1, want 3
            --- SKIP: TestLater (0.00s)
            FAIL
            FAIL	example.com/math	0.01s
            ok  	example.com/other	0.02s
            """);

        Assert.Equal((1, 1, 1), (summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal(0.03, summary.DurationSeconds!.Value, 6);
        Assert.Equal(["TestSub"], summary.FailingTests);
    }

    [Fact]
    public void Output_without_a_summary_says_so()
    {
        Assert.False(TestSummaryParser.Parse("dotnet", "error MSB1009: Project file does not exist.").Found);
    }
}
