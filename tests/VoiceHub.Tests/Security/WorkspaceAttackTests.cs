using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.Tests.Agents;

namespace VoiceHub.Tests.Security;

/// <summary>
/// Reading outside the workspace or into its protected parts (git internals, secrets, local Redis
/// data) is refused by every agent that reads files, walks leave those parts out, and no refusal
/// reveals where the workspace is on disk.
/// </summary>
public sealed class WorkspaceAttackTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public WorkspaceAttackTests()
    {
        _workspace.Git("init", "-q");
        foreach (var file in ProtectedFiles)
        {
            _workspace.Write(file, "zebra secret=hunter2\n");
        }

        _workspace.Write("docs/readme.md", "zebra notes\n");
        File.CreateSymbolicLink(Path.Combine(_workspace.Root, "docs", "config.md"), Path.Combine(_workspace.Root, ".git", "config"));
        File.CreateSymbolicLink(Path.Combine(_workspace.Root, "docs", "env.md"), Path.Combine(_workspace.Root, ".env"));
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Files the default protected patterns cover: a new pattern gets a line here.</summary>
    public static readonly IReadOnlyList<string> ProtectedFiles =
    [
        ".env", ".env.production", ".ENV", "config/secrets.json", "secrets.json", "certs/server.pfx", "tls.key", "ca.pem",
        "id_rsa", "keys/id_rsa.pub", ".data/redis/appendonly.aof", ".data/notes.md",
    ];

    /// <summary>Paths every file-reading agent must refuse.</summary>
    public static TheoryData<string> RefusedPaths()
    {
        var data = new TheoryData<string> { ".git", ".git/config", ".git/HEAD", "docs/config.md", "docs/env.md", "..", "../outside.txt", "/etc/passwd", "/etc" };
        foreach (var file in ProtectedFiles)
        {
            data.Add(file);
        }

        return data;
    }

    /// <summary>Each agent action that reads a workspace path, with the inputs it needs: a new reader is one line here.</summary>
    private IEnumerable<(IAgent Agent, string Action, Func<string, object> Inputs)> Readers() =>
    [
        (new CodeAnalysisAgent(_workspace.Folder), "analyze", p => new { path = p }),
        (new DataAnalysisAgent(_workspace.Folder), "statistics", p => new { path = p }),
        (new ResearchAgent(_workspace.Folder), "search", p => new { topic = "zebra", path = p }),
        (_workspace.TestAgent(), "run", p => new { runner = "node", path = p }),
        (new GitAgent(_workspace.Folder, _workspace.Runner()), "status", p => new { path = p }),
    ];

    [Theory]
    [MemberData(nameof(RefusedPaths))]
    public async Task Every_reading_agent_refuses_the_path_without_naming_the_root(string path)
    {
        _workspace.WriteOutside("outside.txt", "zebra");

        foreach (var (agent, action, inputs) in Readers())
        {
            var error = await Assert.ThrowsAsync<NonRetryableAgentException>(() => agent.RunAsync(action, inputs(path)));

            Assert.Contains("refused", error.Message);
            Assert.DoesNotContain(_workspace.Root, error.Message);
            Assert.DoesNotContain(_workspace.Parent, error.Message);
        }
    }

    [Fact]
    public async Task Walks_leave_protected_files_out()
    {
        var listed = _workspace.Folder.EnumerateFiles(".", null, CancellationToken.None).Select(f => f.RelativePath).ToList();
        var research = await new ResearchAgent(_workspace.Folder).RunAsync("search", new { topic = "zebra" });

        Assert.Equal(["docs/readme.md"], listed);
        Assert.Equal(1, research.Out()["documents"]!.GetValue<int>());
        Assert.DoesNotContain("hunter2", research.Out().ToJsonString());
    }

    [Fact]
    public async Task Git_listings_count_protected_files_but_never_name_them()
    {
        var git = new GitAgent(_workspace.Folder, _workspace.Runner());

        var status = await git.RunAsync("status", new { path = "." });
        var diff = await git.RunAsync("diffstat", new { path = "." });

        var listed = status.Out()["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToList();
        // Untracked folders are shown as folders; the protected files at the top and .data are left out.
        Assert.Equal(["certs/", "config/", "docs/", "keys/"], listed);
        Assert.True(status.Out()["protectedNotListed"]!.GetValue<int>() > 0);
        Assert.False(status.Out()["clean"]!.GetValue<bool>());
        Assert.All(ProtectedFiles.Where(f => !f.StartsWith(".data", StringComparison.Ordinal)),
            f => Assert.DoesNotContain(f, status.Out().ToJsonString() + status.Summary + diff.Out().ToJsonString()));
    }

    [Fact]
    public void A_protected_folder_is_refused_wherever_it_is_and_left_out_of_walks()
    {
        var data = Path.Combine(_workspace.Root, "redis-data");
        _workspace.Write("redis-data/appendonlydir/appendonly.aof.1.incr.aof", "SET secret hunter2");
        File.CreateSymbolicLink(Path.Combine(_workspace.Root, "docs", "aof.md"), Path.Combine(data, "appendonlydir", "appendonly.aof.1.incr.aof"));
        var workspace = new WorkspaceFolder(_workspace.Root, new WorkspaceOptions { ProtectedFolders = [data] });

        var direct = Assert.Throws<NonRetryableAgentException>(() => workspace.Resolve("redis-data/appendonlydir"));
        var linked = Assert.Throws<NonRetryableAgentException>(() => workspace.Resolve("docs/aof.md"));
        var listed = workspace.EnumerateFiles(".", null, CancellationToken.None).Select(f => f.RelativePath).ToList();

        Assert.Contains("VoiceHub:Workspace:ProtectedFolders", direct.Message);
        Assert.Contains("VoiceHub:Workspace:ProtectedFolders", linked.Message);
        Assert.DoesNotContain(data, direct.Message);
        Assert.Equal(["docs/readme.md"], listed);
    }

    [Theory]
    [InlineData("*.secret", "a/b/x.secret", true)]
    [InlineData("*.secret", "x.secret.txt", false)]
    [InlineData("private/**", "private", true)]
    [InlineData("private/**", "private/a/b.txt", true)]
    [InlineData("private/**", "src/private/a.txt", false)]
    [InlineData("**/token.txt", "token.txt", true)]
    [InlineData("**/token.txt", "a/b/token.txt", true)]
    public void Configured_patterns_protect_what_they_name(string pattern, string path, bool refused)
    {
        var workspace = new WorkspaceFolder(_workspace.Root, new WorkspaceOptions { ProtectedPatterns = [pattern] });

        Assert.Equal(refused, Record.Exception(() => workspace.Resolve(path)) is NonRetryableAgentException);
    }
}
