using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class GitAgentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly GitAgent _agent;

    public GitAgentTests() => _agent = new GitAgent(_workspace.Folder, _workspace.Runner());

    public void Dispose() => _workspace.Dispose();

    private void MakeRepository()
    {
        _workspace.Git("init", "--quiet");
        _workspace.Write("a.txt", "one\ntwo\nthree\n");
        _workspace.Git("add", "a.txt");
        _workspace.Git("commit", "--quiet", "-m", "First commit");
        _workspace.Write("b.txt", "b\n");
        _workspace.Git("add", "b.txt");
        _workspace.Git("commit", "--quiet", "-m", "Add b");
    }

    [Fact]
    public async Task Log_lists_commits_newest_first_with_author_and_subject()
    {
        MakeRepository();

        var output = (await _agent.RunAsync("log", new { path = ".", count = 10 })).Out();

        var commits = output["commits"]!.AsArray();
        Assert.Equal(["Add b", "First commit"], commits.Select(c => c!["subject"]!.GetValue<string>()));
        Assert.All(commits, c => Assert.Equal("Ada Tester", c!["author"]!.GetValue<string>()));
        Assert.Equal(40, commits[0]!["hash"]!.GetValue<string>().Length);
        Assert.True(DateTimeOffset.TryParse(commits[0]!["date"]!.GetValue<string>(), out _));
        Assert.Single((await _agent.RunAsync("log", new { count = "1" })).Out()["commits"]!.AsArray());
    }

    [Fact]
    public async Task Status_reports_branch_and_changed_files_by_status()
    {
        MakeRepository();
        _workspace.Write("a.txt", "one\nTWO\nthree\nfour\n");
        _workspace.Write("new.txt", "new\n");
        _workspace.Write("staged.txt", "s\n");
        _workspace.Git("add", "staged.txt");

        var output = (await _agent.RunAsync("status", new { path = "." })).Out();

        Assert.Equal("main", output["branch"]!.GetValue<string>());
        var files = output["files"]!.AsArray().Select(f => (f!["path"]!.GetValue<string>(), f["status"]!.GetValue<string>(), f["staged"]!.GetValue<bool>())).ToList();
        Assert.Contains(("a.txt", "modified", false), files);
        Assert.Contains(("new.txt", "untracked", false), files);
        Assert.Contains(("staged.txt", "added", true), files);
        Assert.False(output["clean"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Diffstat_counts_insertions_and_deletions_of_uncommitted_changes()
    {
        MakeRepository();
        _workspace.Write("a.txt", "one\nTWO\nthree\nfour\n");
        File.Delete(Path.Combine(_workspace.Root, "b.txt"));

        var output = (await _agent.RunAsync("diffstat", new { path = "." })).Out();

        Assert.Equal(2, output["filesChanged"]!.GetValue<int>());
        Assert.Equal(2, output["insertions"]!.GetValue<int>());
        Assert.Equal(2, output["deletions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_workspace_that_is_not_a_repository_is_a_clear_error()
    {
        _workspace.Write("a.txt", "x");

        var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("status", new { path = "." }));

        Assert.Contains("not inside a git repository", error.Message);
    }

    [Fact]
    public async Task A_repository_without_commits_has_an_empty_log()
    {
        _workspace.Git("init", "--quiet");

        var output = (await _agent.RunAsync("log", new { })).Out();

        Assert.Equal(0, output["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Paths_outside_the_workspace_are_refused()
    {
        MakeRepository();

        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("log", new { path = "../" }));
    }
}
